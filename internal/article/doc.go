// Package article reads article files into kg.Article values: it detects the
// input format (the reference export, plain text, Markdown with front matter,
// HTML, JSON and NDJSON records), decodes the encoding (UTF-8 with or without
// BOM, UTF-16/32 with BOM, Windows-1252 / Latin-1 fallback, repair of
// double-encoded UTF-8), reflows hard-wrapped lines into paragraphs, rejoins
// URLs and hyphenated words cut at line ends, and reads the metadata: title,
// publication and modification dates, canonical URL and site, theme list and
// link list.
//
// The cleaned Text keeps the author's characters (accents, NBSP, curly
// quotes, guillemets, dashes, ligatures) in Unicode NFC; only soft hyphens,
// zero-width and bidi marks, byte-order marks and control characters are
// removed. Paragraphs are separated by "\n\n" and never contain a newline.
// MatchView gives a normalised copy of a Text for matching (spaces, quotes,
// dashes, ligatures unified) with a map back to Text offsets, and RuneOffset
// / RuneIndex convert byte offsets to the code point offsets of kg.Span.
//
// It also provides the French helpers the extractor shares: ParseFrenchDate,
// ParseFrenchDateRange, FindDates and Ordinal.
package article
