//! Who sent a request: the socket's peer, or — behind a reverse proxy named in
//! `TRUSTED_PROXIES` — the client that proxy names in `X-Forwarded-For`.
//!
//! The header is read from the right: each proxy appends the address it received the request
//! from, so the last address that is not a trusted proxy is the first hop nobody trusted. A
//! client may write anything into the header before it reaches the first proxy, which is why
//! the walk stops there and never believes an address further left. Requests that do not come
//! from a trusted proxy keep their socket address whatever they claim.

use std::net::IpAddr;

use actix_web::{http::header::HeaderMap, web, HttpRequest};

/// The reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<IpAddr>);

/// The client's address, given the socket's `peer` and the request's headers.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut hops: Vec<IpAddr> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return peer;
        };
        for part in text.split(',') {
            match part.trim().parse() {
                Ok(ip) => hops.push(ip),
                // A malformed hop: nothing left of it can be placed; keep the last good one.
                Err(_) => hops.clear(),
            }
        }
    }
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        client = hop;
        if !trusted.contains(&hop) {
            break;
        }
    }
    client
}

/// The client's address of `req`, as text (`None` without a socket, as in some tests).
pub fn client_ip(req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let trusted = req
        .app_data::<web::Data<TrustedProxies>>()
        .map(|t| t.0.as_slice())
        .unwrap_or_default();
    Some(resolve(peer, req.headers(), trusted).to_string())
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("")),
            );
        }
        map
    }

    #[test]
    fn without_trusted_proxies_the_socket_decides() {
        let h = headers(&["203.0.113.9"]);
        assert_eq!(resolve(ip("10.1.1.1"), &h, &[]), ip("10.1.1.1"));
        assert_eq!(
            resolve(ip("10.1.1.1"), &h, &[ip("10.0.0.2")]),
            ip("10.1.1.1")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_decides() {
        let proxy = ip("10.0.0.2");
        let t = [proxy, ip("10.0.0.3")];
        // nginx overwrote the header with the address it saw.
        assert_eq!(
            resolve(proxy, &headers(&["198.51.100.7"]), &t),
            ip("198.51.100.7")
        );
        // A client's forged entry on the left is never believed.
        assert_eq!(
            resolve(proxy, &headers(&["1.2.3.4, 198.51.100.7"]), &t),
            ip("198.51.100.7")
        );
        // Two proxies in a row, and the header split over two lines.
        assert_eq!(
            resolve(proxy, &headers(&["1.2.3.4, 198.51.100.7", "10.0.0.3"]), &t),
            ip("198.51.100.7")
        );
        // No header: the proxy itself.
        assert_eq!(resolve(proxy, &headers(&[]), &t), proxy);
        // Only proxies in it: the leftmost of them.
        assert_eq!(resolve(proxy, &headers(&["10.0.0.3"]), &t), ip("10.0.0.3"));
        // Garbage to the right of a good hop hides it: the proxy is what is known.
        assert_eq!(resolve(proxy, &headers(&["198.51.100.7, x"]), &t), proxy);
        assert_eq!(
            resolve(proxy, &headers(&["2001:db8::1"]), &t),
            ip("2001:db8::1")
        );
    }
}
