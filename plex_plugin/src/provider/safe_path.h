// SPDX-License-Identifier: MIT
// The provider's one rule for files: only what lies inside a manager root is ever opened.
// Every path that reaches the provider from outside (an image URL, a match request's file name)
// goes through these checks first, and a refusal is a plain 404 for the requester plus a log
// line for the user. Refused: "..", "." and empty segments, percent-encoded separators (%2F,
// %5C), backslashes, NUL and control characters, absolute paths, Windows drive ("C:") and UNC
// ("//host") forms, invalid UTF-8; and, after resolving symlinks, anything whose real path is not
// below the root's real path.
#ifndef PLEXDRIVER_PROVIDER_SAFE_PATH_H_
#define PLEXDRIVER_PROVIDER_SAFE_PATH_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace plexdriver {

// Decodes a percent-encoded relative path taken from a URL ("Heat%20(1995)/poster.jpg") and
// checks its form (above). Pure. PD_ERR_NOT_FOUND with the reason.
Result<std::string> DecodeRelativePath(std::string_view encoded);

// Checks the form of an already decoded relative path ('/'-separated). Pure.
Status CheckRelativePath(std::string_view relative);

// The real path of `root`/`relative` when it exists and lies inside `canonical_root` (itself a
// real path, no trailing '/'), following symlinks. I/O (realpath). PD_ERR_NOT_FOUND otherwise.
Result<std::string> ContainedRealPath(const std::string& canonical_root, std::string_view relative);

// The real path of `canonical_root`/`relative`, where the root is a real path (no trailing '/')
// and `relative` passed CheckRelativePath: "" when it does not exist. When no component below the
// root is a symlink the joined path is already real, found with one lstat per component below
// the root instead of realpath's readlink of every component from "/"; otherwise realpath decides.
// I/O.
std::string RealPathBelow(const std::string& canonical_root, std::string_view relative);

// The real path of an existing file or folder (symlinks resolved), or "" when it does not exist
// or cannot be resolved. I/O (realpath).
std::string RealPath(const std::string& path);

// Percent-encodes each segment of a '/'-separated relative path, keeping the '/'s.
std::string EncodeRelativePath(std::string_view relative);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_SAFE_PATH_H_
