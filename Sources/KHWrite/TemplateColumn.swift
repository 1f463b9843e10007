import KHModel

/// The columns of the collection template teams fill in today ([M5]), declared once, in the
/// template's order: `kh import` reads a sheet by them (`Importer`, with the other headers
/// people write for them) and `kh export` writes them (`Exporter`).
public enum TemplateColumn {
    public static let number = "客户编号"
    public static let name = "客户名称/个人姓名"
    public static let industry = "所属行业"
    public static let customerType = "客户类型"
    public static let source = "信息来源"
    /// The first contact's name.
    public static let contact = FieldName.contacts
    public static let title = "职位"
    public static let mobile = "手机号码"
    public static let email = "电子邮箱"
    public static let address = "企业地址"
    public static let painPoints = "核心需求"
    public static let products = "关注产品/服务"
    public static let budget = "预算范围"
    public static let preference = "沟通偏好"
    public static let followUpTime = "最近跟进时间"
    public static let follower = "跟进人"
    public static let followUp = "跟进内容"
    public static let nextStep = "下一步计划"
    public static let note = "备注"

    /// Every column, in the template's order (kh export writes them so).
    public static let all = [
        number, name, industry, customerType, source, contact, title, mobile, email, address, painPoints, products,
        budget, preference, followUpTime, follower, followUp, nextStep, note,
    ]
}
