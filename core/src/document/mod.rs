//! Documents: capture checks on the photo of an ID, the portrait printed on it, the MRZ and
//! national ID numbers, and what the user typed versus what the document says.

pub mod consistency;
pub mod date;
pub mod idnum;
pub mod mrz;
