//! The base protocol's framing, read with limits: header lines
//! (`Content-Length: N`), a blank line, then `N` bytes of JSON.
//!
//! The `lsp-server` crate's reader allocates whatever length a header
//! declares before reading a byte (`Content-Length: 2000000000` took 1.96 GB,
//! a larger one aborted or panicked), reads a header line of any length, and
//! ends the connection at the first malformed frame. This reader refuses a
//! body over [`MAX_FRAME_BYTES`] before allocating anything for it, bounds
//! the header lines too, and after a frame it cannot read looks for the next
//! `Content-Length` header, so that a bad frame costs one error answer, not
//! the server.

use std::io::{self, BufRead, Read};

/// The largest message body read: 32 MiB, four times the largest file
/// clausec reads, so that any file `check` would read still fits once an
/// editor has escaped it in JSON (a tab or a quote takes two bytes there).
pub const MAX_FRAME_BYTES: u64 = 4 * clausec::source::MAX_FILE_BYTES;

/// The longest header line read (real ones are under 60 bytes).
const MAX_HEADER_LINE: usize = 1024;

/// The most header lines one frame may have (the protocol defines two).
const MAX_HEADER_LINES: usize = 16;

/// The header that starts a frame, lowercased: where reading starts again
/// after a frame that could not be read.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// What the next frame held.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message body, at most [`MAX_FRAME_BYTES`] long.
    Body(Vec<u8>),
    /// A frame that could not be read, and why (for the log and the error
    /// answer). The reader has moved past it.
    Bad(String),
    /// The input ended.
    End,
}

/// Reads frames from the editor, one at a time.
pub struct FrameReader<R> {
    input: R,
    /// The last frame could not be read, so the input is not at the start
    /// of a frame: skip to the next `Content-Length` header.
    lost: bool,
}

/// One header line, read with a bound on its length.
enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

impl<R: BufRead> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader { input, lost: false }
    }

    /// The next frame. `Err` only for a failure to read the input itself.
    pub fn next_frame(&mut self) -> io::Result<Frame> {
        let mut length = None;
        if self.lost {
            if !self.skip_past_content_length()? {
                return Ok(Frame::End);
            }
            self.lost = false;
            match self.read_line()? {
                Line::Text(value) => match parse_length(&value) {
                    Ok(value) => length = Some(value),
                    Err(why) => return Ok(self.bad(why)),
                },
                Line::TooLong => return Ok(self.bad(too_long())),
                Line::End => return Ok(Frame::End),
            }
        }
        for _ in 0..MAX_HEADER_LINES {
            let line = match self.read_line()? {
                Line::Text(line) => line,
                Line::TooLong => return Ok(self.bad(too_long())),
                Line::End => return Ok(Frame::End),
            };
            let line = line.strip_suffix(b"\n").unwrap_or(&line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                return match length {
                    Some(length) => self.read_body(length),
                    None => Ok(self.bad("a message without a `Content-Length` header".to_owned())),
                };
            }
            let Some(colon) = line.iter().position(|b| *b == b':') else {
                return Ok(self.bad(format!("a header line without a colon: {}", shown(line))));
            };
            let (name, value) = line.split_at(colon);
            if name.trim_ascii().eq_ignore_ascii_case(b"content-length") {
                match parse_length(value.get(1..).unwrap_or_default()) {
                    Ok(value) => length = Some(value),
                    Err(why) => return Ok(self.bad(why)),
                }
            }
        }
        Ok(self.bad(format!(
            "a message with more than {MAX_HEADER_LINES} header lines"
        )))
    }

    /// Marks the input as lost (the next read looks for a frame's start)
    /// and says why.
    fn bad(&mut self, why: String) -> Frame {
        self.lost = true;
        Frame::Bad(why)
    }

    fn read_body(&mut self, length: u64) -> io::Result<Frame> {
        if length > MAX_FRAME_BYTES {
            return Ok(self.bad(format!(
                "a message of {length} bytes; the limit is {} MiB",
                MAX_FRAME_BYTES / 1024 / 1024
            )));
        }
        // No room is reserved for the declared length: the body grows as
        // its bytes arrive.
        let mut body = Vec::new();
        (&mut self.input).take(length).read_to_end(&mut body)?;
        if (body.len() as u64) < length {
            return Ok(Frame::End);
        }
        Ok(Frame::Body(body))
    }

    /// One line up to its `\n` (included), or [`Line::TooLong`] once it
    /// passes [`MAX_HEADER_LINE`] bytes (what was read of it is dropped).
    fn read_line(&mut self) -> io::Result<Line> {
        let mut line = Vec::new();
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(Line::End);
            }
            let newline = available.iter().position(|b| *b == b'\n');
            let taken = newline.map_or(available.len(), |i| i + 1);
            let chunk = available.get(..taken).unwrap_or_default();
            let too_long = line.len() + chunk.len() > MAX_HEADER_LINE;
            if !too_long {
                line.extend_from_slice(chunk);
            }
            self.input.consume(taken);
            if too_long {
                return Ok(Line::TooLong);
            }
            if newline.is_some() {
                return Ok(Line::Text(line));
            }
        }
    }

    /// Skips the input up to and past the next `Content-Length:` (in any
    /// case); `false` if the input ends first.
    fn skip_past_content_length(&mut self) -> io::Result<bool> {
        let mut matched = 0;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(false);
            }
            let mut used = 0;
            for byte in available {
                used += 1;
                let byte = byte.to_ascii_lowercase();
                // `c` occurs only at the start of the header's name, so a
                // failed match can only start again at a `c`.
                matched = if CONTENT_LENGTH.get(matched) == Some(&byte) {
                    matched + 1
                } else {
                    usize::from(byte == b'c')
                };
                if matched == CONTENT_LENGTH.len() {
                    break;
                }
            }
            self.input.consume(used);
            if matched == CONTENT_LENGTH.len() {
                return Ok(true);
            }
        }
    }
}

/// A `Content-Length` value: a decimal number of bytes.
fn parse_length(value: &[u8]) -> Result<u64, String> {
    let value = value.trim_ascii();
    std::str::from_utf8(value)
        .ok()
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| {
            format!(
                "a `Content-Length` that is not a number of bytes: {}",
                shown(value)
            )
        })
}

fn too_long() -> String {
    format!("a header line longer than {MAX_HEADER_LINE} bytes")
}

/// A header's bytes for a message: the first 40, control characters escaped.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes.get(..40).unwrap_or(bytes));
    format!("`{}`", text.escape_debug())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut frames = Vec::new();
        loop {
            let frame = reader.next_frame().unwrap_or(Frame::End);
            if frame == Frame::End {
                return frames;
            }
            frames.push(frame);
        }
    }

    fn is_bad(frame: Option<&Frame>) -> bool {
        matches!(frame, Some(Frame::Bad(_)))
    }

    #[test]
    fn frames_are_read_one_after_another() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]";
        assert_eq!(
            frames(input),
            vec![Frame::Body(b"{}".to_vec()), Frame::Body(b"[1]".to_vec())]
        );
    }

    #[test]
    fn a_length_over_the_limit_is_refused_and_the_next_frame_read() {
        for length in [
            "1000000000000",
            "18446744073709551615",
            "2000000000",
            "99999999999999999999999",
        ] {
            let input = format!("Content-Length: {length}\r\n\r\nContent-Length: 2\r\n\r\n{{}}");
            let frames = frames(input.as_bytes());
            assert!(is_bad(frames.first()), "{length}: {frames:?}");
            assert_eq!(
                frames.get(1),
                Some(&Frame::Body(b"{}".to_vec())),
                "{length}"
            );
            assert_eq!(frames.len(), 2);
        }
    }

    #[test]
    fn malformed_headers_are_skipped_up_to_the_next_frame() {
        let long = format!("X: {}\r\n", "a".repeat(5000));
        for junk in [
            "garbage\r\n\r\n",
            "Content-Length: -1\r\n\r\n",
            "Content-Length: 12abc\r\n\r\n",
            "\r\n",
            long.as_str(),
            &"X: y\r\n".repeat(20),
        ] {
            let input = format!("{junk}Content-Length: 2\r\n\r\n{{}}");
            let frames = frames(input.as_bytes());
            assert!(is_bad(frames.first()), "{junk:?}: {frames:?}");
            assert_eq!(
                frames.last(),
                Some(&Frame::Body(b"{}".to_vec())),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn a_body_cut_short_ends_the_input() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), Vec::new());
        assert_eq!(frames(b"Content-Len"), Vec::new());
    }
}
