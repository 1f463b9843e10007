import Foundation
import KHModel
import KHSupport

/// Which document of the customer an edit form is for (the browser names it by a word, never
/// by a path): 01 基本信息 and 04 需求偏好 edited (04 written new when there is none), a
/// year's 05 价值评估 written new or edited.
enum EditTarget: Equatable {
    case basic, needs
    case assessment(Int)

    init?(_ word: String, year: String?) {
        switch word {
        case "basic": self = .basic
        case "needs": self = .needs
        case "assessment":
            guard let y = year, y.count == 4, let n = Int(y), (1900...2999).contains(n) else { return nil }
            self = .assessment(n)
        default: return nil
        }
    }

    var word: String {
        switch self {
        case .basic: return "basic"
        case .needs: return "needs"
        case .assessment: return "assessment"
        }
    }

    var type: DocumentType {
        switch self {
        case .basic: return .basicInfo
        case .needs: return .needs
        case .assessment: return .assessment
        }
    }

    var action: String {
        switch self {
        case .assessment(let y): return word + "?year=\(y)"
        default: return word
        }
    }

    func path(_ s: CustomerSnapshot) -> String? {
        switch self {
        case .basic: return s.basicFile?.path
        case .needs:
            return s.needs.first?.file.path ?? s.directory.path + "/" + DocumentType.needs.folder + "/需求偏好.yaml"
        case .assessment(let y): return s.directory.path + "/" + DocumentType.assessment.folder + "/\(y).yaml"
        }
    }

    /// The fields a new file of this kind is given by its place (05's 年度, its file name).
    var fixedFields: [(String, String)] {
        if case .assessment(let y) = self { return [(FieldName.year, String(y))] }
        return []
    }

    func title(_ zh: Bool) -> String {
        switch self {
        case .basic: return zh ? "修改基本信息" : "Edit basic information"
        case .needs: return zh ? "修改需求偏好" : "Edit needs and preferences"
        case .assessment(let y): return zh ? "\(y) 年度价值评估" : "Assessment for \(y)"
        }
    }

    /// The commit's verb; `new`: the form was for a new file.
    func verb(new: Bool) -> Text {
        switch self {
        case .basic: return Text(zh: "修改基本信息", en: "Edit basic information")
        case .needs: return new ? Text(zh: "新建需求偏好", en: "Add needs") : Text(zh: "修改需求偏好", en: "Edit needs")
        case .assessment(let y): return Text(zh: "\(y) 年度价值评估", en: "Assessment for \(y)")
        }
    }
}
