/// The version of the Cartable library and command-line tool.
public enum CartableVersion {
    /// The version this build was made from: a release archive's VERSION file, else `git describe` of the clone
    /// (`0.1.0`, `0.1.0-3-gabc1234-dirty`), written at build time by `scripts/version.sh` (the VersionStamp plugin).
    public static let current = stamped
}
