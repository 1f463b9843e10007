import Foundation
import KHYAML

/// The normalisation of spec section 5 for comparing full names.
public enum Normalize {
    public static func name(_ s: String) -> String {
        let nfkc = s.precomposedStringWithCompatibilityMapping
        var out = ""
        for ch in nfkc where !ch.isWhitespace {
            switch ch {
            case "（": out.append("(")
            case "）": out.append(")")
            default: out.append(ch)
            }
        }
        return out.lowercased()
    }
}
