// The page the user opens to approve a sign-in PIN: Plex's web app with the PIN's code, the
// client identifier it was made with, and the product name Plex shows ("plexdriver wants to
// sign in"). Pure.
#ifndef PLEXDRIVER_ACCOUNT_AUTH_URL_H_
#define PLEXDRIVER_ACCOUNT_AUTH_URL_H_

#include <string>
#include <string_view>

namespace plexdriver {

inline constexpr std::string_view kDefaultAuthAppUrl = "https://app.plex.tv/auth";

// "<auth_app_url>#?clientID=…&code=…&context%5Bdevice%5D%5Bproduct%5D=…", every value
// percent-encoded (the app reads them from the fragment, so nothing reaches a server log).
std::string BuildAuthUrl(std::string_view auth_app_url, std::string_view client_identifier,
                         std::string_view code, std::string_view product);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_AUTH_URL_H_
