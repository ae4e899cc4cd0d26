//! A reader of the words as `js/core.js` reads them, for the tests: the value as JSON, with
//! the names this thread's results sent kept as the JavaScript side keeps them.

use super::*;
use serde_json::{Map, Value};

thread_local! {
    static NAMES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The status and value of one result, the last one written (its text is taken).
pub fn read(words: &[u32]) -> (u32, Value) {
    let text: Vec<u16> = take_text().encode_utf16().collect();
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        assert_eq!(
            words[1] as usize,
            names.len(),
            "the tables of names disagree"
        );
        let count = words[2] as usize;
        assert_eq!(words.len(), 3 + count, "the count of words");
        let mut reader = Reader {
            words: &words[3..],
            at: 0,
            text: &text,
            names: &mut names,
        };
        let value = reader.value();
        assert_eq!(reader.at, count, "words left over");
        (words[0], value)
    })
}

struct Reader<'a> {
    words: &'a [u32],
    at: usize,
    text: &'a [u16],
    names: &'a mut Vec<String>,
}

impl Reader<'_> {
    fn next(&mut self) -> u32 {
        self.at += 1;
        self.words[self.at - 1]
    }

    fn slice(&mut self) -> String {
        let (start, end) = (self.next() as usize, self.next() as usize);
        String::from_utf16(&self.text[start..end]).expect("a whole string")
    }

    fn value(&mut self) -> Value {
        match self.next() {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::from(self.next() as i32),
            FLOAT => {
                let (low, high) = (u64::from(self.next()), u64::from(self.next()));
                Value::from(f64::from_bits(high << 32 | low))
            }
            STRING => Value::String(self.slice()),
            ARRAY => {
                let count = self.next();
                Value::Array((0..count).map(|_| self.value()).collect())
            }
            OBJECT => {
                let count = self.next();
                let mut object = Map::new();
                for _ in 0..count {
                    let Value::String(key) = self.value() else {
                        panic!("a key that is not a string")
                    };
                    let value = self.value();
                    object.insert(key, value);
                }
                Value::Object(object)
            }
            NAME => {
                let number = self.next() as usize;
                Value::String(self.names[number].clone())
            }
            NEW_NAME => {
                let name = self.slice();
                self.names.push(name.clone());
                Value::String(name)
            }
            other => panic!("no value starts with {other}"),
        }
    }
}
