use super::read::read;
use super::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Span {
    start: u32,
    end: u32,
    byte_start: u32,
}

#[derive(Serialize)]
enum Kind {
    Unit,
    Newtype(u8),
    Tuple(i64, bool),
    Struct { inner: Option<Span> },
}

#[derive(Serialize)]
struct Sample {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    maybe: Option<u64>,
    kinds: Vec<Kind>,
    map: BTreeMap<String, f64>,
    pair: (char, ()),
    big: u64,
    negative: i64,
    span: Span,
}

fn sample(text: &str, maybe: Option<u64>) -> Sample {
    Sample {
        text: text.to_owned(),
        maybe,
        kinds: vec![
            Kind::Unit,
            Kind::Newtype(7),
            Kind::Tuple(-3_000_000_000, true),
            Kind::Struct { inner: None },
            Kind::Struct {
                inner: Some(Span {
                    start: 1,
                    end: 2,
                    byte_start: 3,
                }),
            },
        ],
        map: [("é".to_owned(), 1006.0), ("nan".to_owned(), f64::NAN)].into(),
        pair: ('😀', ()),
        big: u64::MAX,
        negative: i64::from(i32::MIN),
        span: Span {
            start: 0,
            end: 4,
            byte_start: 0,
        },
    }
}

/// `value` as JavaScript sees it: every number a double.
fn as_js(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => Value::from(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
        Value::Object(entries) => {
            Value::Object(entries.into_iter().map(|(k, v)| (k, as_js(v))).collect())
        }
        other => other,
    }
}

#[test]
fn values_read_back_as_json_writes_them() {
    for value in [
        sample("anchor=\"naïve café 😀\"", Some(5)),
        sample("", None),
        sample("ascii only", Some(u64::from(u32::MAX))),
    ] {
        let (status, back) = read(&write(OK, &value));
        assert_eq!(status, OK);
        assert_eq!(as_js(back), as_js(serde_json::to_value(&value).unwrap()));
    }
    let (status, back) = read(&write(FAILED, "a message"));
    assert_eq!((status, back), (FAILED, serde_json::json!("a message")));
}

#[test]
fn a_name_crosses_once() {
    let first = write(OK, &sample("x", None));
    let value = read(&first).1;
    let second = write(OK, &sample("x", None));
    // The second text holds the values' strings alone: "x", the map's keys in order
    // ("nan" sorts before "é") and '😀'.
    assert_eq!(TEXT.with(|text| text.borrow().clone()), "xnané😀");
    assert!(second.len() < first.len());
    assert_eq!(read(&second).1, value);
}

#[test]
fn strings_are_placed_in_utf16_units() {
    let words = write(OK, &["é😀", "b"]);
    // [ARRAY, 2, STRING, 0, 3, STRING, 3, 4]: 😀 is two UTF-16 units.
    assert_eq!(&words[3..], &[ARRAY, 2, STRING, 0, 3, STRING, 3, 4]);
    assert_eq!(read(&words).1, serde_json::json!(["é😀", "b"]));
}

#[test]
fn forgotten_names_cross_again() {
    let first = write(OK, &sample("x", None));
    let first_text = take_text();
    let second = write(OK, &sample("x", None));
    assert!(second.len() < first.len());
    forget_names();
    let again = write(OK, &sample("x", None));
    // The same words and text as the first time (every name new again, none known before).
    assert_eq!(again, first);
    assert_eq!(take_text(), first_text);
}
