/// A message in both languages kh speaks. Built by the typed helpers in `Messages.swift`.
public struct Text: Hashable, Codable, Sendable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func string(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}

/// The language of messages: kh.yaml `语言`, overridden by `--lang`.
public enum Language: String, Codable, Sendable, CaseIterable {
    case zh, en
}
