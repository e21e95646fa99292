//! Swift-specific generator: C headers and a modulemap for the XCFramework
//! (scripts/build-xcframework).
fn main() {
    uniffi::uniffi_bindgen_swift()
}
