/// Which pairs of regional indicators twitter-text counts as one flag emoji.
///
/// The 258 RGI flags of `emoji-sequences.txt`, the same list as upstream's emoji regex. An other
/// pair (🇦🇦) is two separate regional indicators there, each an emoji of its own.
enum EmojiFlag {
    /// Whether the regional indicators `first` and `second` (U+1F1E6–U+1F1FF) form a flag.
    static func isFlag(_ first: UInt32, _ second: UInt32) -> Bool {
        guard EmojiScalar.regionalIndicators.contains(first), EmojiScalar.regionalIndicators.contains(second)
        else { return false }
        let row = secondLettersByFirstLetter[Int(first - EmojiScalar.regionalIndicators.lowerBound)]
        return row & (1 << (second - EmojiScalar.regionalIndicators.lowerBound)) != 0
    }

    /// For each first letter A…Z, a bit set of the second letters that make a flag with it.
    private static let secondLettersByFirstLetter: [UInt32] = [
        "CDEFGILMOQRSTUWXZ", "ABDEFGHIJLMNOQRSTVWYZ", "ACDFGHIKLMNOPRUVWXYZ", "EGJKMOZ", "ACEGHRSTU",
        "IJKMOR", "ABDEFGHILMNPQRSTUWY", "KMNRTU", "CDELMNOQRST", "EMOP", "EGHIMNPRWYZ", "ABCIKRSTUVY",
        "ACDEFGHKLMNOPQRSTUVWXYZ", "ACEFGILOPRUZ", "M", "AEFGHKLMNRSTWY", "A", "EOSUW",
        "ABCDEGHIJKLMNORSTVXYZ", "ACDFGHJKLMNORTVWZ", "AGMNSYZ", "ACEGINU", "FS", "K", "ET", "AMW",
    ].map { letters in letters.utf8.reduce(UInt32(0)) { bits, letter in bits | 1 << UInt32(letter - 65) } }
}
