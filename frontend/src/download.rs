//! Saving bytes the SPA holds (an export fetched with the bearer token, a template) as a file:
//! a Blob, an object URL and a click on a temporary `<a download>`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::js_sys::{Array, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as the file `name` of type `mime`. `false` if the browser
/// refused (no document, no object URLs).
pub fn save(bytes: &[u8], name: &str, mime: &str) -> bool {
    try_save(bytes, name, mime).is_some()
}

fn try_save(bytes: &[u8], name: &str, mime: &str) -> Option<()> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    let body = document.body()?;
    body.append_child(&anchor).ok()?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Revoking at once can cancel the download in some browsers; a minute later it is safe.
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(60)).await;
        let _ = Url::revoke_object_url(&url);
    });
    Some(())
}
