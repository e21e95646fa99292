//! `uniffi-bindgen generate <lib> --language kotlin|swift --out-dir DIR` (scripts/gen-bindings).
fn main() {
    uniffi::uniffi_bindgen_main()
}
