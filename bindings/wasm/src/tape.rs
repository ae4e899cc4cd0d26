//! Results as words for the package's JavaScript to rebuild as plain objects (`read` in
//! `js/core.js`), in place of JSON text and `JSON.parse`.
//!
//! Why not JSON: writing a report with diagnostics as JSON was half of the module's time,
//! and `JSON.parse` of it took longer than the whole check in Rust; rebuilding the same
//! objects from these words takes about half as long as `JSON.parse`, and the module writes
//! no JSON (BENCHMARKS.md has the figures). No crate does this: serde-wasm-bindgen builds
//! the objects from Rust one property at a time, each a call across, which measured slower
//! than these words for such a report and makes the module larger.
//!
//! A result is its words and its text. The words, all `u32`:
//! - `[0]` [`OK`] or [`FAILED`] (the value is then the error, `{kind, message, diagnostics}`);
//! - `[1]` how many names the JavaScript side knew before this result (a check that the
//!   two tables agree);
//! - `[2]` the number of value words that follow.
//!
//! The text is every string of the value, one after another; it crosses as a string of its
//! own ([`take_text`]), which JavaScript decodes from the module's memory in one go.
//!
//! A value is one of: [`NULL`], [`FALSE`], [`TRUE`]; [`INT`] and the number as `i32`;
//! [`FLOAT`] and the two halves of an `f64` (low first); [`STRING`] and its start and end in
//! the text, in UTF-16 code units (JavaScript's `slice`); [`ARRAY`] and the number of values
//! that follow; [`OBJECT`] and the number of key–value pairs that follow, each key a string
//! value; [`NAME`] and a name's number, or [`NEW_NAME`] and its start and end in the text
//! (its number is the next one). Names are the `&'static str`s of serde's derives (field and variant names):
//! each crosses once per thread and the JavaScript side keeps them, so a key costs a word
//! and a lookup there, not a new string.

use std::cell::RefCell;

use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;

/// The result is the value.
pub const OK: u32 = 0;
/// The result is an error.
pub const FAILED: u32 = 1;
/// `null` (also `None` and `()`).
pub const NULL: u32 = 0;
/// `false`.
pub const FALSE: u32 = 1;
/// `true`.
pub const TRUE: u32 = 2;
/// An integer that fits in `i32`: one word follows.
pub const INT: u32 = 3;
/// Any other number, as `f64`: two words follow.
pub const FLOAT: u32 = 4;
/// A string: its start and end in the text follow.
pub const STRING: u32 = 5;
/// An array: its length follows, then its values.
pub const ARRAY: u32 = 6;
/// An object: its number of entries follows, then a key and a value for each.
pub const OBJECT: u32 = 7;
/// A name the JavaScript side has: its number follows.
pub const NAME: u32 = 8;
/// A name new to the JavaScript side, which takes the next number: its start and end in the
/// text follow.
pub const NEW_NAME: u32 = 9;

/// A name by the address and length of its static text (an address identifies a name
/// without reading it).
type NameKey = (usize, usize);

/// The names sent so far and their numbers: sorted by key for a binary search, with a
/// direct-mapped cache of the names last looked up in front. A hundred or so names take a
/// binary search about seven steps, a cost that showed in the profile of a report with
/// diagnostics; the cache finds a name in one. A hash map's code made the module larger
/// (BENCHMARKS.md).
struct Names {
    sorted: Vec<(NameKey, u32)>,
    /// Each slot's last name found; `(0, 0)` is no name.
    cache: [(NameKey, u32); CACHE_SLOTS],
}

/// Slots of [`Names::cache`], a power of 2.
const CACHE_SLOTS: usize = 512;

impl Names {
    /// No names sent.
    const NONE: Names = Names {
        sorted: Vec::new(),
        cache: [((0, 0), 0); CACHE_SLOTS],
    };

    fn len(&self) -> usize {
        self.sorted.len()
    }

    fn get(&mut self, key: NameKey) -> Option<u32> {
        // Fibonacci hashing of the address: names lie side by side, so its low bits alone
        // would crowd a few slots.
        let mixed = (key.0 as u64 ^ (key.1 as u64) << 48).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (mixed >> 55) as usize & (CACHE_SLOTS - 1);
        if self.cache[slot].0 == key {
            return Some(self.cache[slot].1);
        }
        let at = self.sorted.binary_search_by_key(&key, |&(k, _)| k).ok()?;
        self.cache[slot] = self.sorted[at];
        Some(self.sorted[at].1)
    }

    fn insert(&mut self, key: NameKey, number: u32) {
        if let Err(at) = self.sorted.binary_search_by_key(&key, |&(k, _)| k) {
            self.sorted.insert(at, (key, number));
        }
    }
}

thread_local! {
    /// This thread's names, as the JavaScript side holds them.
    static NAMES: RefCell<Names> = const { RefCell::new(Names::NONE) };
    /// The text of the last result, until [`take_text`] takes it.
    static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `forgetNames()`: forgets the names sent, so the next result sends again every name it
/// holds. For the JavaScript side, which calls it when its table and this one disagree.
#[wasm_bindgen(js_name = forgetNames)]
pub fn forget_names() {
    NAMES.with(|names| *names.borrow_mut() = Names::NONE);
}

/// `takeText()`: the text of the last result written (see the module's documentation).
#[wasm_bindgen(js_name = takeText)]
pub fn take_text() -> String {
    TEXT.with(|text| std::mem::take(&mut *text.borrow_mut()))
}

/// `value` as words, with `status` ([`OK`] or [`FAILED`]) in front.
pub fn write<T: Serialize + ?Sized>(status: u32, value: &T) -> Vec<u32> {
    write_with(status, &|tape| value.serialize(tape))
}

/// [`write`] for any value, through `serialize`: one copy of this code, not one per type.
fn write_with(status: u32, serialize: &dyn Fn(&mut Tape<'_>) -> Done) -> Vec<u32> {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let known = names.len();
        let mut tape = Tape {
            // Room for a report with a few diagnostics, so that most results never grow
            // the words or the text.
            words: Vec::with_capacity(512),
            text: String::with_capacity(1024),
            text_len: 0,
            names: &mut names,
            new_names: Vec::new(),
        };
        tape.words.extend([status, known as u32, 0]);
        if serialize(&mut tape).is_err() {
            // The values here are plain data, so this does not happen; if it did, the
            // JavaScript side would throw this message (a string, where an error is
            // otherwise an object).
            tape.words.truncate(3);
            tape.words[0] = FAILED;
            tape.text.clear();
            tape.text_len = 0;
            tape.new_names.clear();
            tape.string("ahrefs-filter: a result it cannot represent");
        }
        let Tape {
            mut words,
            text,
            new_names,
            ..
        } = tape;
        // The names this result sends are the JavaScript side's once it has read it.
        for (at, name) in new_names.into_iter().enumerate() {
            names.insert(name, (known + at) as u32);
        }
        words[2] = (words.len() - 3) as u32;
        TEXT.with(|cell| *cell.borrow_mut() = text);
        words
    })
}

/// The words of one result being written.
struct Tape<'a> {
    words: Vec<u32>,
    text: String,
    /// The text's length in UTF-16 code units.
    text_len: u32,
    names: &'a mut Names,
    /// Names this result sends for the first time, in the order of their numbers.
    new_names: Vec<NameKey>,
}

impl<'a> Tape<'a> {
    /// Appends `s` to the text; its start and end there, in UTF-16 code units.
    fn text(&mut self, s: &str) -> (u32, u32) {
        let start = self.text_len;
        self.text.push_str(s);
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.text_len += units as u32;
        (start, self.text_len)
    }

    fn string(&mut self, s: &str) {
        let (start, end) = self.text(s);
        self.words.extend([STRING, start, end]);
    }

    fn name(&mut self, name: &'static str) {
        let key = (name.as_ptr() as usize, name.len());
        let known = self.names.len();
        let sent = self
            .names
            .get(key)
            .map(|number| number as usize)
            .or_else(|| {
                let at = self.new_names.iter().position(|&new| new == key)?;
                Some(known + at)
            });
        match sent {
            Some(number) => self.words.extend([NAME, number as u32]),
            None => {
                self.new_names.push(key);
                let (start, end) = self.text(name);
                self.words.extend([NEW_NAME, start, end]);
            }
        }
    }

    fn float(&mut self, v: f64) {
        if v.is_finite() {
            let bits = v.to_bits();
            self.words.extend([FLOAT, bits as u32, (bits >> 32) as u32]);
        } else {
            // As JSON writes it.
            self.words.push(NULL);
        }
    }

    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(small) => self.words.extend([INT, small as u32]),
            Err(_) => self.float(v as f64),
        }
    }

    /// Starts an array or object: the place of its count, filled in by [`Open::end`].
    fn open(&mut self, kind: u32) -> Open<'_, 'a> {
        self.words.extend([kind, 0]);
        Open {
            at: self.words.len() - 1,
            count: 0,
            tape: self,
        }
    }

    /// Starts `{variant: …}`, serde's external tagging.
    fn variant(&mut self, variant: &'static str) {
        self.words.extend([OBJECT, 1]);
        self.name(variant);
    }
}

/// An array or object being written.
struct Open<'t, 'a> {
    tape: &'t mut Tape<'a>,
    /// Where its count goes.
    at: usize,
    count: u32,
}

/// A value that could not be written. The values here never fail, so the reason is not
/// kept: formatting it would cost the module code that never runs.
#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a result it cannot represent")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(_msg: T) -> Error {
        Error
    }
}

type Done = Result<(), Error>;

impl<'a, 'b> ser::Serializer for &'a mut Tape<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Open<'a, 'b>;
    type SerializeTuple = Open<'a, 'b>;
    type SerializeTupleStruct = Open<'a, 'b>;
    type SerializeTupleVariant = Open<'a, 'b>;
    type SerializeMap = Open<'a, 'b>;
    type SerializeStruct = Open<'a, 'b>;
    type SerializeStructVariant = Open<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Done {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        match i64::try_from(v) {
            Ok(v) => self.int(v),
            Err(_) => self.float(v as f64),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Done {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Done {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.variant(variant);
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.variant(variant);
        Ok(self.open(OBJECT))
    }
}

impl Open<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.count += 1;
        self.tape.name(key);
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Done {
        self.tape.words[self.at] = self.count;
        Ok(())
    }
}

/// serde's four kinds of sequence, each an array here: every element is an item.
macro_rules! sequence {
    ($($kind:ident :: $element:ident),*) => {$(
        impl ser::$kind for Open<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                self.item(value)
            }
            fn end(self) -> Done {
                Open::end(self)
            }
        }
    )*};
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Open<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        // A key and its value make one entry.
        self.count += 1;
        key.serialize(&mut *self.tape)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Done {
        Open::end(self)
    }
}

/// serde's two kinds of struct, each an object here: every field is a name and a value.
macro_rules! structure {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Open<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Done {
                self.field(key, value)
            }
            fn end(self) -> Done {
                Open::end(self)
            }
        }
    )*};
}

structure!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
pub mod read;
#[cfg(test)]
mod tests;
