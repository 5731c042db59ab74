//! `/api/v1/auth/*`.

pub mod login;
pub mod logout;
pub mod me;
pub mod mfa;
pub mod password;
pub mod refresh;

use actix_web::HttpRequest;

/// The client address as seen on the socket. Forwarded headers are not trusted: a reverse
/// proxy in front must be configured to pass the real address at the TCP level or the limit
/// applies to the proxy.
pub fn client_ip(req: &HttpRequest) -> Option<String> {
    req.peer_addr().map(|a| a.ip().to_string())
}
