//! The tile-grid map of the United States: one square per jurisdiction,
//! placed roughly where it lies, so every state is the same size and even
//! the smallest can be labelled. Territories sit in a row of their own.

/// Postal code (lower case), name, column and row. Columns 0 to 10; rows 0
/// to 7 for the states and DC, row 9 for the territories (row 8 is a gap).
pub const TILES: [(&str, &str, u8, u8); 56] = [
    ("ak", "Alaska", 0, 0),
    ("me", "Maine", 10, 0),
    ("vt", "Vermont", 9, 1),
    ("nh", "New Hampshire", 10, 1),
    ("wa", "Washington", 0, 2),
    ("id", "Idaho", 1, 2),
    ("mt", "Montana", 2, 2),
    ("nd", "North Dakota", 3, 2),
    ("mn", "Minnesota", 4, 2),
    ("il", "Illinois", 5, 2),
    ("wi", "Wisconsin", 6, 2),
    ("mi", "Michigan", 7, 2),
    ("ny", "New York", 8, 2),
    ("ri", "Rhode Island", 9, 2),
    ("ma", "Massachusetts", 10, 2),
    ("or", "Oregon", 0, 3),
    ("nv", "Nevada", 1, 3),
    ("wy", "Wyoming", 2, 3),
    ("sd", "South Dakota", 3, 3),
    ("ia", "Iowa", 4, 3),
    ("in", "Indiana", 5, 3),
    ("oh", "Ohio", 6, 3),
    ("pa", "Pennsylvania", 7, 3),
    ("nj", "New Jersey", 8, 3),
    ("ct", "Connecticut", 9, 3),
    ("ca", "California", 0, 4),
    ("ut", "Utah", 1, 4),
    ("co", "Colorado", 2, 4),
    ("ne", "Nebraska", 3, 4),
    ("mo", "Missouri", 4, 4),
    ("ky", "Kentucky", 5, 4),
    ("wv", "West Virginia", 6, 4),
    ("va", "Virginia", 7, 4),
    ("md", "Maryland", 8, 4),
    ("de", "Delaware", 9, 4),
    ("az", "Arizona", 1, 5),
    ("nm", "New Mexico", 2, 5),
    ("ks", "Kansas", 3, 5),
    ("ar", "Arkansas", 4, 5),
    ("tn", "Tennessee", 5, 5),
    ("nc", "North Carolina", 6, 5),
    ("sc", "South Carolina", 7, 5),
    ("dc", "District of Columbia", 8, 5),
    ("ok", "Oklahoma", 3, 6),
    ("la", "Louisiana", 4, 6),
    ("ms", "Mississippi", 5, 6),
    ("al", "Alabama", 6, 6),
    ("ga", "Georgia", 7, 6),
    ("hi", "Hawaii", 0, 7),
    ("tx", "Texas", 3, 7),
    ("fl", "Florida", 8, 7),
    ("gu", "Guam", 0, 9),
    ("mp", "Northern Mariana Islands", 1, 9),
    ("as", "American Samoa", 2, 9),
    ("pr", "Puerto Rico", 9, 9),
    ("vi", "U.S. Virgin Islands", 10, 9),
];

pub const COLUMNS: u8 = 11;
pub const ROWS: u8 = 10;

/// The name of a jurisdiction by lower-case postal code.
pub fn name(code: &str) -> Option<&'static str> {
    TILES.iter().find(|t| t.0 == code).map(|t| t.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::POSTAL_CODES;

    #[test]
    fn every_postal_code_has_one_tile_and_no_two_tiles_overlap() {
        let mut codes: Vec<&str> = TILES.iter().map(|t| t.0).collect();
        codes.sort_unstable();
        let mut expected = POSTAL_CODES.to_vec();
        expected.sort_unstable();
        assert_eq!(codes, expected);
        let mut cells: Vec<(u8, u8)> = TILES.iter().map(|t| (t.2, t.3)).collect();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), TILES.len(), "two tiles share a square");
        assert!(TILES.iter().all(|t| t.2 < COLUMNS && t.3 < ROWS && t.3 != 8));
    }

    #[test]
    fn neighbours_are_placed_as_on_a_map() {
        let at = |c: &str| TILES.iter().find(|t| t.0 == c).map(|t| (t.2, t.3)).unwrap();
        // Washington above Oregon above California; Maine in the north-east corner.
        assert_eq!(at("wa").0, at("or").0);
        assert!(at("wa").1 < at("or").1 && at("or").1 < at("ca").1);
        assert_eq!(at("me"), (COLUMNS - 1, 0));
        assert!(at("fl").0 > at("tx").0);
        assert_eq!(name("dc"), Some("District of Columbia"));
    }
}
