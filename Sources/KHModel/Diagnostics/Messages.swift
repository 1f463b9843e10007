/// Typed builders for the messages kh prints that are no one rule's: quoting what was found,
/// finding the archive, kh init. Each rule's own messages are in its file of `Rules/Catalogue/`
/// (`Rules.MissingField.message(…)`); the writing commands' are in `WriteMsg` and its kin.
public enum Msg {}
