//! DEFLATE decompression (RFC 1951), for the parts of a `.docx` file: stored,
//! fixed and dynamic Huffman blocks, decoded one bit at a time the canonical
//! way (as zlib's `puff.c` does). Every read is bounds-checked and the output
//! stops at a limit, so a crafted file can neither crash it nor fill memory.

/// Why a stream could not be decompressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ended before its last block did.
    Truncated,
    /// A block or code that no encoder writes.
    Invalid,
    /// The output would be larger than the limit.
    TooLarge,
}

/// The most bits in a code.
const MAX_BITS: usize = 15;

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buffer: u32,
    count: u32,
}

impl Bits<'_> {
    fn bits(&mut self, need: u32) -> Result<u32, InflateError> {
        let mut value = self.buffer;
        while self.count < need {
            let byte = *self.data.get(self.pos).ok_or(InflateError::Truncated)?;
            self.pos += 1;
            value |= u32::from(byte) << self.count;
            self.count += 8;
        }
        self.buffer = value >> need;
        self.count -= need;
        Ok(value & ((1u32 << need) - 1))
    }
}

/// A canonical Huffman code: how many codes of each length, and the
/// symbols in code order.
struct Huffman {
    count: [u16; MAX_BITS + 1],
    symbol: Vec<u16>,
}

impl Huffman {
    /// Builds the code from each symbol's length; refuses an
    /// over-subscribed set of lengths (an incomplete one is allowed: a
    /// distance code may have a single code).
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut count = [0u16; MAX_BITS + 1];
        for &length in lengths {
            let slot = count
                .get_mut(usize::from(length))
                .ok_or(InflateError::Invalid)?;
            *slot += 1;
        }
        let mut left: i32 = 1;
        for length in 1..=MAX_BITS {
            left <<= 1;
            left -= i32::from(count.get(length).copied().unwrap_or(0));
            if left < 0 {
                return Err(InflateError::Invalid);
            }
        }
        let mut offsets = [0usize; MAX_BITS + 2];
        for length in 1..=MAX_BITS {
            let next = offsets.get(length).copied().unwrap_or(0)
                + usize::from(count.get(length).copied().unwrap_or(0));
            if let Some(slot) = offsets.get_mut(length + 1) {
                *slot = next;
            }
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (sym, &length) in lengths.iter().enumerate() {
            if length == 0 {
                continue;
            }
            let offset = offsets
                .get_mut(usize::from(length))
                .ok_or(InflateError::Invalid)?;
            let slot = symbol.get_mut(*offset).ok_or(InflateError::Invalid)?;
            *slot = u16::try_from(sym).map_err(|_| InflateError::Invalid)?;
            *offset += 1;
        }
        Ok(Huffman { count, symbol })
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Result<u16, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for length in 1..=MAX_BITS {
            code |= i32::try_from(bits.bits(1)?).map_err(|_| InflateError::Invalid)?;
            let count = i32::from(self.count.get(length).copied().unwrap_or(0));
            if code - count < first {
                let at =
                    usize::try_from(index + (code - first)).map_err(|_| InflateError::Invalid)?;
                return self.symbol.get(at).copied().ok_or(InflateError::Invalid);
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        Err(InflateError::Invalid)
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which a dynamic block lists the code-length code's lengths.
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Decompresses a raw DEFLATE stream (no zlib or gzip wrapper) into at most
/// `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut bits = Bits {
        data,
        pos: 0,
        buffer: 0,
        count: 0,
    };
    let mut out = Vec::new();
    loop {
        let last = bits.bits(1)? == 1;
        match bits.bits(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let (lengths, distances) = fixed()?;
                codes(&mut bits, &mut out, limit, &lengths, &distances)?;
            }
            2 => {
                let (lengths, distances) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, limit, &lengths, &distances)?;
            }
            _ => return Err(InflateError::Invalid),
        }
        if last {
            return Ok(out);
        }
    }
}

fn stored(bits: &mut Bits<'_>, out: &mut Vec<u8>, limit: usize) -> Result<(), InflateError> {
    // A stored block starts on a byte boundary: the bits left are dropped.
    bits.buffer = 0;
    bits.count = 0;
    let header = bits
        .data
        .get(bits.pos..bits.pos + 4)
        .ok_or(InflateError::Truncated)?;
    let (len, complement) = match header {
        [a, b, c, d] => (u16::from_le_bytes([*a, *b]), u16::from_le_bytes([*c, *d])),
        _ => return Err(InflateError::Truncated),
    };
    if len != !complement {
        return Err(InflateError::Invalid);
    }
    bits.pos += 4;
    let len = usize::from(len);
    if out.len() + len > limit {
        return Err(InflateError::TooLarge);
    }
    let block = bits
        .data
        .get(bits.pos..bits.pos + len)
        .ok_or(InflateError::Truncated)?;
    out.extend_from_slice(block);
    bits.pos += len;
    Ok(())
}

fn fixed() -> Result<(Huffman, Huffman), InflateError> {
    let mut lengths = [0u8; 288];
    for (symbol, length) in lengths.iter_mut().enumerate() {
        *length = match symbol {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    Ok((Huffman::new(&lengths)?, Huffman::new(&[5u8; 30])?))
}

fn dynamic(bits: &mut Bits<'_>) -> Result<(Huffman, Huffman), InflateError> {
    let literal_count = usize::try_from(bits.bits(5)?).map_err(|_| InflateError::Invalid)? + 257;
    let distance_count = usize::try_from(bits.bits(5)?).map_err(|_| InflateError::Invalid)? + 1;
    let code_count = usize::try_from(bits.bits(4)?).map_err(|_| InflateError::Invalid)? + 4;
    if literal_count > 286 || distance_count > 30 {
        return Err(InflateError::Invalid);
    }
    let mut code_lengths = [0u8; 19];
    for &at in CODE_LENGTH_ORDER.iter().take(code_count) {
        let length = u8::try_from(bits.bits(3)?).map_err(|_| InflateError::Invalid)?;
        if let Some(slot) = code_lengths.get_mut(at) {
            *slot = length;
        }
    }
    let code_length_code = Huffman::new(&code_lengths)?;
    let total = literal_count + distance_count;
    let mut lengths = Vec::with_capacity(total);
    while lengths.len() < total {
        let symbol = code_length_code.decode(bits)?;
        let (value, repeat) = match symbol {
            0..=15 => (u8::try_from(symbol).map_err(|_| InflateError::Invalid)?, 1),
            16 => {
                let previous = *lengths.last().ok_or(InflateError::Invalid)?;
                (previous, 3 + bits.bits(2)?)
            }
            17 => (0, 3 + bits.bits(3)?),
            _ => (0, 11 + bits.bits(7)?),
        };
        let repeat = usize::try_from(repeat).map_err(|_| InflateError::Invalid)?;
        if lengths.len() + repeat > total {
            return Err(InflateError::Invalid);
        }
        lengths.extend(std::iter::repeat_n(value, repeat));
    }
    // A block without an end-of-block code could never end.
    if lengths.get(256).copied().unwrap_or(0) == 0 {
        return Err(InflateError::Invalid);
    }
    let (literal, distance) = lengths.split_at(literal_count);
    Ok((Huffman::new(literal)?, Huffman::new(distance)?))
}

fn codes(
    bits: &mut Bits<'_>,
    out: &mut Vec<u8>,
    limit: usize,
    lengths: &Huffman,
    distances: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let symbol = lengths.decode(bits)?;
        if symbol < 256 {
            if out.len() >= limit {
                return Err(InflateError::TooLarge);
            }
            out.push(u8::try_from(symbol).map_err(|_| InflateError::Invalid)?);
            continue;
        }
        if symbol == 256 {
            return Ok(());
        }
        let index = usize::from(symbol - 257);
        let base = LENGTH_BASE.get(index).ok_or(InflateError::Invalid)?;
        let extra = LENGTH_EXTRA.get(index).ok_or(InflateError::Invalid)?;
        let length = usize::from(*base)
            + usize::try_from(bits.bits(u32::from(*extra))?).map_err(|_| InflateError::Invalid)?;
        let index = usize::from(distances.decode(bits)?);
        let base = DISTANCE_BASE.get(index).ok_or(InflateError::Invalid)?;
        let extra = DISTANCE_EXTRA.get(index).ok_or(InflateError::Invalid)?;
        let distance = usize::from(*base)
            + usize::try_from(bits.bits(u32::from(*extra))?).map_err(|_| InflateError::Invalid)?;
        if distance > out.len() {
            return Err(InflateError::Invalid);
        }
        if out.len() + length > limit {
            return Err(InflateError::TooLarge);
        }
        for _ in 0..length {
            let byte = *out.get(out.len() - distance).ok_or(InflateError::Invalid)?;
            out.push(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_block() {
        let data = [0x01, 0x05, 0x00, 0xfa, 0xff, b'h', b'e', b'l', b'l', b'o'];
        assert_eq!(inflate(&data, 100), Ok(b"hello".to_vec()));
        assert_eq!(inflate(&data, 3), Err(InflateError::TooLarge));
        assert_eq!(inflate(&data[..7], 100), Err(InflateError::Truncated));
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn fixed_and_dynamic_blocks_made_by_zlib() {
        let fixed = hex("4b4c4a4e44420a19a93939f9c82400");
        assert_eq!(
            inflate(&fixed, 1000).unwrap(),
            b"abcabcabcabcabc hello hello hello"
        );
        let dynamic = hex("edcccd0d80200c06d055be39bcba020b602cdaa4b4841f09dbeb181e7a7f79e126ec964bd485c9222871c12a4ab5874f42372c1be81f4b266293f542cc36b437443d719052e2de3604afbcf2ca2baffe51bd");
        let expected =
            b"The Company will pay or provide to you the following amounts and benefits: "
                .repeat(20);
        assert_eq!(inflate(&dynamic, 10_000).unwrap(), expected);
        assert_eq!(inflate(&dynamic, 100), Err(InflateError::TooLarge));
        for cut in 0..dynamic.len() {
            assert!(inflate(&dynamic[..cut], 10_000).is_err());
        }
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        for seed in 0u32..2000 {
            let data: Vec<u8> = (0..64u32)
                .map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 40503) >> 7) as u8)
                .collect();
            let _ = inflate(&data, 1 << 16);
        }
    }
}
