import KHYAML
import KHModel
import KHRules
import KHOutputs
import KHWrite

// The commit kh was built from: filled in by scripts/dist.sh (make dist) in the copy of the
// sources it builds; nil in a build from a source tree.
let buildCommit: String? = nil
