#include "core/redact.h"

#include <cctype>

namespace plexdriver {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Replaces the value after "X-Plex-Token=" or "X-Plex-Token:" up to a delimiter.
std::string RedactTokenParameters(std::string text) {
  static constexpr std::string_view kName = "x-plex-token";
  size_t pos = 0;
  while (pos + kName.size() < text.size()) {
    if (!IEquals(std::string_view(text).substr(pos, kName.size()), kName)) {
      ++pos;
      continue;
    }
    size_t value = pos + kName.size();
    if (text[value] != '=' && text[value] != ':') {
      pos = value;
      continue;
    }
    ++value;
    while (value < text.size() && text[value] == ' ') ++value;
    size_t end = value;
    while (end < text.size() && text[end] != '&' && text[end] != ' ' && text[end] != '\r' &&
           text[end] != '\n' && text[end] != '"' && text[end] != '\'' && text[end] != ',' &&
           text[end] != ';') {
      ++end;
    }
    if (std::string_view(text).substr(value, end - value) != kRedacted) {
      text.replace(value, end - value, kRedacted);
    }
    pos = value + kRedacted.size();
  }
  return text;
}

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// Real Plex tokens are about 20 characters. A secret shorter than this would be found inside
// ordinary words ("t" in "connected"), so it is replaced only where it stands alone.
constexpr size_t kShortSecret = 8;

void ReplaceSecret(std::string_view secret, std::string* out) {
  if (secret.empty()) return;
  size_t pos = 0;
  while ((pos = out->find(secret, pos)) != std::string::npos) {
    const size_t end = pos + secret.size();
    const bool alone = (pos == 0 || !IsTokenChar((*out)[pos - 1])) && (end >= out->size() || !IsTokenChar((*out)[end]));
    if (secret.size() < kShortSecret && !alone) {
      ++pos;
      continue;
    }
    out->replace(pos, secret.size(), kRedacted);
    pos += kRedacted.size();
  }
}

}  // namespace

std::string Redact(std::string_view text, std::string_view secret) {
  std::string out(text);
  ReplaceSecret(secret, &out);
  return RedactTokenParameters(std::move(out));
}

std::string Redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const std::string& secret : secrets) ReplaceSecret(secret, &out);
  return RedactTokenParameters(std::move(out));
}

}  // namespace plexdriver
