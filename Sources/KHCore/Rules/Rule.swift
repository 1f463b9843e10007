/// Every rule kh checks, with its stable code. Codes never change meaning once published;
/// a retired rule keeps its code unused.
///
/// Code ranges: KH1xx structure and YAML, KH2xx fields, KH3xx one customer,
/// KH4xx the whole archive, KH5xx personal data, KH6xx kh.yaml, KH7xx the catalogue.
public enum Rule: String, CaseIterable, Sendable {
    // MARK: - Structure (KH1xx)
    case yamlSyntax, duplicateKey, yamlAnchor, yamlTag, yamlMergeKey, multipleDocuments
    case fileTooLarge, tooDeep, invalidUTF8, notAMapping, nonStringKey, unreadable, symlink, interruptedWrite
    case badCustomerDirectory, strayInCustomer, strayInFolder, ymlExtension, badFileName
    case fileNameMismatch, wrongGroupFolder, assessmentYearMismatch, missingBasicInfo
    // MARK: - Fields (KH2xx)
    case missingField, pendingRequired, badValue, notInList, unknownField, wrongShape, dateOrder
    case unknownPerson, formerStaff, halfFilledScale, unreachableContact, notApplicable
    // MARK: - Customer (KH3xx)
    case numberMismatch, suffixMismatch, numberYearMismatch, dealWithoutContract
    case lostWithActiveContract, declaredGradeMismatch, assessmentGradeMismatch, unknownParticipant
    // MARK: - Archive (KH4xx)
    case duplicateNumber, duplicateCreditCode, duplicateName, sharedContact, retiredNumber
    // MARK: - Personal data (KH5xx)
    case residentID, bankCard
    // MARK: - kh.yaml (KH6xx)
    case configInvalid, waiverInvalid, unusedWaiver
    // MARK: - Catalogue (KH7xx)
    case uncertainPinyin

    /// The stable code, e.g. `KH203`.
    public var code: String {
        switch self {
        case .yamlSyntax: return "KH101"
        case .duplicateKey: return "KH102"
        case .yamlAnchor: return "KH103"
        case .yamlTag: return "KH104"
        case .yamlMergeKey: return "KH105"
        case .multipleDocuments: return "KH106"
        case .fileTooLarge: return "KH107"
        case .tooDeep: return "KH108"
        case .invalidUTF8: return "KH109"
        case .notAMapping: return "KH110"
        case .nonStringKey: return "KH111"
        case .unreadable: return "KH112"
        case .symlink: return "KH113"
        case .interruptedWrite: return "KH114"
        case .badCustomerDirectory: return "KH120"
        case .strayInCustomer: return "KH121"
        case .strayInFolder: return "KH122"
        case .ymlExtension: return "KH123"
        case .badFileName: return "KH124"
        case .fileNameMismatch: return "KH125"
        case .wrongGroupFolder: return "KH126"
        case .assessmentYearMismatch: return "KH127"
        case .missingBasicInfo: return "KH128"
        case .missingField: return "KH201"
        case .pendingRequired: return "KH202"
        case .badValue: return "KH203"
        case .notInList: return "KH204"
        case .unknownField: return "KH205"
        case .wrongShape: return "KH206"
        case .dateOrder: return "KH207"
        case .unknownPerson: return "KH208"
        case .formerStaff: return "KH209"
        case .halfFilledScale: return "KH210"
        case .unreachableContact: return "KH211"
        case .notApplicable: return "KH212"
        case .numberMismatch: return "KH301"
        case .suffixMismatch: return "KH302"
        case .numberYearMismatch: return "KH303"
        case .dealWithoutContract: return "KH304"
        case .lostWithActiveContract: return "KH305"
        case .declaredGradeMismatch: return "KH306"
        case .assessmentGradeMismatch: return "KH307"
        case .unknownParticipant: return "KH308"
        case .duplicateNumber: return "KH401"
        case .duplicateCreditCode: return "KH402"
        case .duplicateName: return "KH403"
        case .sharedContact: return "KH404"
        case .retiredNumber: return "KH405"
        case .residentID: return "KH501"
        case .bankCard: return "KH502"
        case .configInvalid: return "KH601"
        case .waiverInvalid: return "KH602"
        case .unusedWaiver: return "KH603"
        case .uncertainPinyin: return "KH701"
        }
    }

    /// A short kebab-case name, for SARIF and people who prefer words to numbers.
    public var name: String {
        var out = ""
        for ch in rawValue {
            if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
        }
        return out.replacingOccurrences(of: "u-t-f8", with: "utf8").replacingOccurrences(of: "i-d", with: "id")
    }

    public init?(code: String) {
        guard let rule = Rule.byCode[code.uppercased()] else { return nil }
        self = rule
    }

    private static let byCode: [String: Rule] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.code, $0) })

    /// The default severity.
    public var severity: Severity {
        switch self {
        case .uncertainPinyin:
            return .notice
        case .strayInFolder, .pendingRequired, .unknownField, .formerStaff, .notApplicable,
             .suffixMismatch, .numberYearMismatch, .dealWithoutContract, .lostWithActiveContract,
             .declaredGradeMismatch, .unknownParticipant, .sharedContact, .unusedWaiver:
            return .warning
        default:
            return .error
        }
    }

    /// The category, for `kh rules`.
    public var category: Text {
        switch code.dropFirst(2).first {
        case "1": return Text(zh: "结构", en: "structure")
        case "2": return Text(zh: "字段", en: "fields")
        case "3": return Text(zh: "客户", en: "customer")
        case "4": return Text(zh: "档案库", en: "archive")
        case "5": return Text(zh: "个人信息", en: "personal data")
        case "7": return Text(zh: "目录", en: "catalogue")
        default: return Text(zh: "配置", en: "configuration")
        }
    }
}
