import Foundation
import PackagePlugin

/// Writes `CartableVersion.stamped` before every build, from `scripts/version.sh` (the VERSION file of a release
/// archive, else `git describe`), so that a plain `swift build` reports the same version as `make deb`.
///
/// A prebuild command runs on every build; the script rewrites its file only when the version changed, so an
/// unchanged version recompiles nothing.
@main
struct VersionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Version")
        let script = context.package.directoryURL.appending(path: "scripts/version.sh")
        return [
            .prebuildCommand(
                displayName: "Stamping Cartable's version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, "--swift", output.appending(path: "CartableVersion+Stamped.swift").path],
                outputFilesDirectory: output
            ),
        ]
    }
}
