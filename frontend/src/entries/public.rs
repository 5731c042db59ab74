//! The public site (no login): 公示查询 and 证书核验 (`/public/certificates`, and the QR code's
//! page `/public/certificates/v/{token}`).
//!
//! Unlike the other entries this one has no Yew: [`crate::public_site`] renders with web-sys
//! directly, so that its bundle stays under 120 KiB gzipped (docs/PERFORMANCE.md, "The public
//! entry without Yew"). A link elsewhere (登录, 首页) is a full page load into that entry.

/// Mounts the public site.
pub fn start() {
    crate::public_site::start();
}
