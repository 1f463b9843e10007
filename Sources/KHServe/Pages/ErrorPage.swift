import Foundation
import KHModel

/// An error page: the status's heading, the message, and (a step's conflict) the file's change.
enum ErrorPage {
    struct Model {
        let heading: String
        let message: String
        let diff: String?
    }

    static func heading(_ status: Int, _ zh: Bool) -> String {
        switch status {
        case 400: return zh ? "请求有误" : "Bad request"
        case 403: return zh ? "不允许" : "Not allowed"
        case 404: return zh ? "找不到" : "Not found"
        case 409: return zh ? "文件已被修改" : "The file changed"
        case 421: return zh ? "地址不对" : "Wrong address"
        default: return zh ? "出错了" : "Something went wrong"
        }
    }

    /// The page; `member`: whom its header names (an error page names nobody).
    static func render(
        _ page: PageContext, status: Int, message: String, diff: String? = nil, member: String? = nil
    ) -> WebResponse {
        let heading = heading(status, page.zh)
        let model = Model(heading: heading, message: message, diff: diff)
        return .html(
            status,
            Views.page("error", title: heading, model, token: page.session.token, chrome: page.chrome(member: member)))
    }
}
