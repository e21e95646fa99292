//! Canonical JSON: the one byte form of a JSON value that digests and signatures are computed
//! over — object keys sorted by their UTF-8 bytes, no whitespace, serde_json's number and string
//! forms. Parsing a bundle and writing it canonically gives the same bytes whatever whitespace or
//! key order the file was stored with.

use serde_json::Value;

/// The canonical bytes of `value`.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_value(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(v, out);
            }
            out.push(']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut String) {
    // Scalars serialise infallibly; an empty string cannot happen for them.
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_and_whitespace_dropped_at_every_depth() {
        let a: Value =
            serde_json::from_str(r#"{ "b": [1, {"z": 1, "a": "x"}], "a": null }"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":null,"b":[1,{"a":"x","z":1}]}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":null,"b":[1,{"a":"x","z":1}]}"#);
        assert_eq!(canonical_json(&a), canonical_json(&b));
    }

    #[test]
    fn numbers_keep_their_value_through_a_reparse() {
        let v: Value = serde_json::from_str(r#"{"x":0.525,"y":-3,"z":1e-7}"#).unwrap();
        let text = canonical_json(&v);
        let again: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(canonical_json(&again), text);
    }
}
