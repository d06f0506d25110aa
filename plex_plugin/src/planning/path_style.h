// Path rules of the two kinds of server a Plex Media Server runs on. Pure string functions: no
// file system access, so they behave the same on any host.
//
// POSIX servers (Linux, macOS, NAS): '/' separates, comparison is case-sensitive.
// Windows servers: '\' and '/' both separate, comparison is case-insensitive (ASCII letters,
// including the drive letter), UNC roots ("\\nas\share") are kept intact.
// Bytes outside ASCII are compared exactly: NFC and NFD spellings of one name are different
// paths here, as they are on the server's file system; they are never rewritten.
#ifndef PLEXDRIVER_PLANNING_PATH_STYLE_H_
#define PLEXDRIVER_PLANNING_PATH_STYLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace plexdriver {

enum class PathStyle { kPosix, kWindows };

const char* PathStyleName(PathStyle style);

// The style of a server: "Windows" platforms, or (platform unknown) locations that look like
// "M:\..." or "\\host\share", are Windows; everything else is POSIX.
PathStyle DetectPathStyle(const std::string& platform, const std::vector<std::string>& locations);

// The style a lone path is written in: drive-letter or UNC paths are Windows, others POSIX.
// Used for the media manager's side, which has no platform to ask.
PathStyle GuessPathStyle(std::string_view path);

char PreferredSeparator(PathStyle style);
bool IsSeparator(char c, PathStyle style);

// True for "/x" (POSIX) and "C:\x", "C:/x", "\\host\share" (Windows).
bool IsAbsolutePath(std::string_view path, PathStyle style);

// One spelling per path: separators unified to the style's own, repeated separators collapsed
// (a UNC prefix keeps its two), trailing separators dropped except on a root ("/", "C:\").
// Case and non-ASCII bytes are preserved.
std::string NormalizePath(std::string_view path, PathStyle style);

// The key two normalized paths are compared by: the path itself on POSIX, ASCII-lower-cased on
// Windows.
std::string ComparisonKey(std::string_view normalized_path, PathStyle style);

// True when `path` is `root` or lies below it on a folder boundary: "/media/movies" contains
// "/media/movies/X" but not "/media/movies2/X". Both arguments are normalized first.
bool PathIsWithin(std::string_view path, std::string_view root, PathStyle style);

// The part of `path` below `root` ("" when equal), without a leading separator, in normalized
// form; only meaningful when PathIsWithin(path, root, style).
std::string RelativePart(std::string_view path, std::string_view root, PathStyle style);

// root + separator + relative (relative may use either separator toward Windows).
std::string JoinPath(std::string_view root, std::string_view relative, PathStyle style);

// The folder containing `path` ("/a/b" → "/a"; a root is its own parent).
std::string ParentFolder(std::string_view path, PathStyle style);

// The last component ("/a/b.mkv" → "b.mkv").
std::string LastComponent(std::string_view path, PathStyle style);

// True when a component is "..": such paths are refused rather than resolved, because a mapped
// path that climbs out of its mapping could reach a folder the user never mapped.
bool HasParentReference(std::string_view path, PathStyle style);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_PATH_STYLE_H_
