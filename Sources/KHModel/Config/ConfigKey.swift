/// The keys of kh.yaml (spec section 6), declared once, as `FieldName` declares the documents'
/// fields. `ConfigLoader` reads kh.yaml by these names, its schema (`Declarations.config`)
/// declares them, and every diagnostic path, edit of kh.yaml and reference that names a key
/// uses them; no other code spells one.
public enum ConfigKey {
    public static let archiveName = "档案库"
    public static let timeZone = "时区"
    public static let language = "语言"
    public static let numbering = "编号"
    // In 编号
    public static let numberPrefix = "前缀"
    public static let numberWidth = "位数"

    public static let interactionGrouping = "互动记录分组"
    public static let retiredNumbers = "退役编号"
    // The lists of values (`ConfigList` declares them: a field's choices name the list).
    public static let industries = ConfigList.industries.rawValue
    public static let revenueRanges = ConfigList.revenueRanges.rawValue
    public static let sources = ConfigList.sources.rawValue

    public static let team = "团队"
    // A member of 团队
    public static let memberName = "姓名"
    public static let department = "部门"
    public static let role = "角色"
    public static let git = "git"
    public static let serving = "在职"

    public static let defaultCreator = "默认创建人"
    /// The amounts of 价值等级 A, B and C (the field's name).
    public static let gradeThresholds = FieldName.grade

    public static let classes = "客户分类"
    // A class of 客户分类
    public static let consecutiveYears = "连续年数"
    public static let yearAmount = FieldName.yearAmount

    public static let cadence = "维护频率"
    // A tier of 维护频率
    public static let cadencePeriod = "周期"
    public static let cadenceCount = "次数"

    public static let problemLimits = "问题时限"
    // A level of 问题时限
    public static let respond = "响应"
    public static let resolve = "解决"

    public static let completeness = "完整度"

    public static let fields = "字段"
    // A document type of 字段
    public static let requiredFields = "必填"
    public static let addedFields = "新增"
    // A field of 新增
    public static let fieldType = "类型"
    public static let fieldValues = "取值"

    /// 密级查阅: roles that may also read 秘密 / 机密 documents in kh serve's team mode.
    public static let secrecyReaders = "密级查阅"
    public static let waivers = "豁免"
    // A waiver
    public static let waiverRule = "规则"
    public static let waiverFile = "文件"
    public static let waiverReason = "原因"
}
