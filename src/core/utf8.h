#pragma once
// UTF-8 validity (RFC 3629): what the JSON the API sends must be, and what the data files an
// administrator keeps must be written in (a registry saved in GBK by a spreadsheet program is
// refused, not stored as bytes no client can read).
#include <cstddef>
#include <string>
#include <string_view>

namespace shaobing {

// Offset of the first byte that does not begin a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or npos when `text` is valid.
size_t InvalidUtf8At(std::string_view text);
inline bool IsValidUtf8(std::string_view text) { return InvalidUtf8At(text) == std::string_view::npos; }

// 1-based line of byte `offset` of `text`.
int LineAt(std::string_view text, size_t offset);

// `text` with each maximal ill-formed subsequence replaced by U+FFFD (as the WHATWG decoder
// does), so that it can be sent in JSON.
std::string ValidUtf8(std::string_view text);

}  // namespace shaobing
