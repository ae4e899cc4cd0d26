//! Serde values as Python objects: structs and maps become dicts, sequences lists, enums'
//! unit variants str, numbers int/float, options None or the value.
//!
//! The shapes come from the binding crate's serde derives, so there is one description of
//! every result. This writer differs from a general serde-to-Python one (pythonize) in what
//! a batch of a million reports needs: field and variant names are `&'static str`, made
//! into Python strings once per thread and reused ever after, and other texts that repeat
//! (table names, messages, a batch's filters) share the string made last time. Making the
//! same key strings again took about a third of `lint_urls`' conversion time.

use std::cell::Cell;
use std::mem::ManuallyDrop;

use hashbrown::{DefaultHashBuilder, HashMap};
use std::hash::BuildHasher;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

/// Field and variant names as Python strings, by the address and length of their static
/// text (every name is a `&'static str` of a serde derive, so its address identifies it
/// without reading it).
struct Names {
    names: HashMap<(usize, usize), Py<PyString>>,
    /// Other texts (values, and the map keys of a syntax tree or a schema) seen lately.
    texts: Texts,
}

impl Names {
    fn new() -> Box<Names> {
        Box::new(Names {
            names: HashMap::new(),
            texts: Texts {
                slots: Vec::new(),
                hasher: DefaultHashBuilder::default(),
            },
        })
    }

    /// `name` as a Python string, made on its first use.
    fn get(&mut self, py: Python<'_>, name: &'static str) -> &Py<PyString> {
        self.names
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| PyString::new(py, name).unbind())
    }
}

/// The texts the thread's results held lately, as Python strings: a direct-mapped table on
/// the text's hash, each slot holding the last text that fell in it. The same short texts
/// come back call after call (table names, codes, a lint's help), and a batch's reports
/// repeat their filters (a URL's decoded filter is usually its canonical one); a hit costs
/// a hash and a comparison where a new string costs an allocation, a copy and later a free.
/// Python strings are immutable, so results sharing one cannot tell. At most
/// [`TEXT_SLOTS`] strings of up to [`TEXT_LONG`] bytes stay alive for it per thread.
struct Texts {
    /// [`TEXT_SLOTS`] slots once the first text came.
    slots: Vec<Option<Text>>,
    hasher: DefaultHashBuilder,
}

/// One remembered text; its buffer is reused by the next text of its slot.
struct Text {
    hash: u64,
    text: String,
    string: Py<PyString>,
}

/// Slots of [`Texts`], a power of 2.
const TEXT_SLOTS: usize = 4096;
/// Longer texts are made afresh each time (comparing them costs about as much).
const TEXT_LONG: usize = 1024;

impl Texts {
    /// `text` as a Python string, the one made before when the slot still holds it.
    fn get<'py>(&mut self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        if text.len() > TEXT_LONG {
            return PyString::new(py, text);
        }
        if self.slots.is_empty() {
            self.slots.resize_with(TEXT_SLOTS, || None);
        }
        let hash = self.hasher.hash_one(text);
        let slot = &mut self.slots[(hash as usize) & (TEXT_SLOTS - 1)];
        match slot {
            Some(seen) if seen.hash == hash && seen.text == text => seen.string.bind(py).clone(),
            Some(seen) => {
                let string = PyString::new(py, text);
                seen.hash = hash;
                seen.text.clear();
                seen.text.push_str(text);
                seen.string = string.clone().unbind();
                string
            }
            None => {
                let string = PyString::new(py, text);
                *slot = Some(Text {
                    hash,
                    text: text.to_owned(),
                    string: string.clone().unbind(),
                });
                string
            }
        }
    }
}

thread_local! {
    /// The thread's names while no call uses them. Never dropped: they live as long as the
    /// program (a thread's exit must not touch Python objects; the interpreter may be gone).
    static NAMES: Cell<ManuallyDrop<Option<Box<Names>>>> = const { Cell::new(ManuallyDrop::new(None)) };
}

/// The strings of one call's results.
pub struct Strings<'py> {
    py: Python<'py>,
    /// The thread's names, taken for the call (one thread-local access, not one a name)
    /// and given back when it ends.
    names: Option<Box<Names>>,
}

impl Drop for Strings<'_> {
    fn drop(&mut self) {
        if let Some(names) = self.names.take() {
            NAMES.with(|cell| cell.set(ManuallyDrop::new(Some(names))));
        }
    }
}

impl<'py> Strings<'py> {
    /// For one result.
    pub fn new(py: Python<'py>) -> Strings<'py> {
        let names = NAMES.with(|cell| ManuallyDrop::into_inner(cell.take()));
        Strings {
            py,
            names: Some(names.unwrap_or_else(Names::new)),
        }
    }

    /// The Python string of a field or variant name.
    fn name(&mut self, text: &'static str) -> &Bound<'py, PyString> {
        let py = self.py;
        self.names
            .get_or_insert_with(Names::new)
            .get(py, text)
            .bind(py)
    }

    /// A text that is not a field name: a value, or a key of a map.
    fn text(&mut self, text: &str) -> Bound<'py, PyString> {
        let py = self.py;
        self.names
            .get_or_insert_with(Names::new)
            .texts
            .get(py, text)
    }

    /// `value` as Python objects.
    pub fn convert<T: Serialize + ?Sized>(&mut self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(Writer { strings: self }).map_err(|e| e.0)
    }
}

/// A failed conversion: a Python error (or a value Python has no form for).
#[derive(Debug)]
pub struct Error(PyErr);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Error {
        Error(e)
    }
}

type Result<'py> = std::result::Result<Bound<'py, PyAny>, Error>;
type Done = std::result::Result<(), Error>;

/// The serializer of one value.
struct Writer<'s, 'py> {
    strings: &'s mut Strings<'py>,
}

impl<'s, 'py> Writer<'s, 'py> {
    fn py(&self) -> Python<'py> {
        self.strings.py
    }

    fn object<T: IntoPyObject<'py>>(&self, value: T) -> Result<'py> {
        Ok(value.into_bound_py_any(self.py())?)
    }
}

/// A list being written.
struct Seq<'s, 'py> {
    strings: &'s mut Strings<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

/// A dict being written; `key` holds a map's key until its value comes.
struct Dict<'s, 'py> {
    strings: &'s mut Strings<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

/// A struct or tuple variant: `{variant: fields}`, as serde's external tagging writes it.
struct Variant<'s, 'py, I> {
    name: Bound<'py, PyString>,
    inner: I,
    _strings: std::marker::PhantomData<&'s ()>,
}

impl<'s, 'py> ser::Serializer for Writer<'s, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'s, 'py>;
    type SerializeTuple = Seq<'s, 'py>;
    type SerializeTupleStruct = Seq<'s, 'py>;
    type SerializeTupleVariant = Variant<'s, 'py, Seq<'s, 'py>>;
    type SerializeMap = Dict<'s, 'py>;
    type SerializeStruct = Dict<'s, 'py>;
    type SerializeStructVariant = Variant<'s, 'py, Dict<'s, 'py>>;

    fn serialize_bool(self, v: bool) -> Result<'py> {
        self.object(v)
    }
    fn serialize_i8(self, v: i8) -> Result<'py> {
        self.object(v)
    }
    fn serialize_i16(self, v: i16) -> Result<'py> {
        self.object(v)
    }
    fn serialize_i32(self, v: i32) -> Result<'py> {
        self.object(v)
    }
    fn serialize_i64(self, v: i64) -> Result<'py> {
        self.object(v)
    }
    fn serialize_u8(self, v: u8) -> Result<'py> {
        self.object(v)
    }
    fn serialize_u16(self, v: u16) -> Result<'py> {
        self.object(v)
    }
    fn serialize_u32(self, v: u32) -> Result<'py> {
        self.object(v)
    }
    fn serialize_u64(self, v: u64) -> Result<'py> {
        self.object(v)
    }
    fn serialize_f32(self, v: f32) -> Result<'py> {
        self.object(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<'py> {
        self.object(v)
    }
    fn serialize_char(self, v: char) -> Result<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<'py> {
        Ok(self.strings.text(v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<'py> {
        self.object(v)
    }
    fn serialize_none(self) -> Result<'py> {
        Ok(self.py().None().into_bound(self.py()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<'py> {
        Ok(self.strings.name(variant).clone().into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<'py> {
        let py = self.py();
        let key = self.strings.name(variant).clone();
        let value = value.serialize(Writer {
            strings: self.strings,
        })?;
        let dict = PyDict::new(py);
        dict.set_item(key, value)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Seq<'s, 'py>, Error> {
        Ok(Seq {
            strings: self.strings,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Seq<'s, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> std::result::Result<Seq<'s, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, Error> {
        let name = self.strings.name(variant).clone();
        Ok(Variant {
            name,
            inner: self.serialize_seq(Some(len))?,
            _strings: std::marker::PhantomData,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> std::result::Result<Dict<'s, 'py>, Error> {
        let dict = PyDict::new(self.py());
        Ok(Dict {
            strings: self.strings,
            dict,
            key: None,
        })
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> std::result::Result<Dict<'s, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, Error> {
        let name = self.strings.name(variant).clone();
        Ok(Variant {
            name,
            inner: self.serialize_map(Some(len))?,
            _strings: std::marker::PhantomData,
        })
    }
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        let item = value.serialize(Writer {
            strings: self.strings,
        })?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<'py> {
        let py = self.strings.py;
        Ok(PyList::new(py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> Dict<'_, 'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        let value = value.serialize(Writer {
            strings: self.strings,
        })?;
        // The key borrowed from the table: no reference counted in and out again.
        self.dict.set_item(self.strings.name(key), value)?;
        Ok(())
    }
}

impl<'py> ser::SerializeMap for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.key = Some(key.serialize(Writer {
            strings: self.strings,
        })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without its key"))?;
        let value = value.serialize(Writer {
            strings: self.strings,
        })?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.field(key, value)
    }
    fn end(self) -> Result<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py, 's> Variant<'s, 'py, Seq<'s, 'py>> {
    fn wrap(name: Bound<'py, PyString>, inner: Bound<'py, PyAny>) -> Result<'py> {
        let dict = PyDict::new(name.py());
        dict.set_item(name, inner)?;
        Ok(dict.into_any())
    }
}

impl<'py, 's> ser::SerializeTupleVariant for Variant<'s, 'py, Seq<'s, 'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.inner.push(value)
    }
    fn end(self) -> Result<'py> {
        let inner = self.inner.finish()?;
        Self::wrap(self.name, inner)
    }
}

impl<'py, 's> ser::SerializeStructVariant for Variant<'s, 'py, Dict<'s, 'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.inner.field(key, value)
    }
    fn end(self) -> Result<'py> {
        let dict = PyDict::new(self.name.py());
        dict.set_item(self.name, self.inner.dict)?;
        Ok(dict.into_any())
    }
}
