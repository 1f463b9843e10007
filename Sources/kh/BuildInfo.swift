import KHSupport

// Filled in by scripts/dist.sh (make dist) in the copy of the sources it builds; nil in a build
// from a source tree. The commit kh was built from, and where it is published (KH_REPOSITORY,
// the release workflow's repository: what `kh init` writes into the template's CI files).
let buildCommit: String? = nil
let published: Publication? = nil
