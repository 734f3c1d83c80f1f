import ArgumentParser
import Datasets
import Foundation
import Geometry
import Zoning
import Wording

/// Opens the dataset named on the command line (a folder or a compiled `.zsd`), or the demo dataset,
/// through its compiled store; says on stderr when the store had to be built.
enum DatasetChoice {
    static func directory(_ path: String?, language l: Language) throws(CLIError) -> URL {
        if let path { return URL(fileURLWithPath: path) }
        if let found = DatasetLoader.defaultDirectory() { return found }
        let looked = DatasetLoader.defaultDirectoryCandidates().map(\.path).joined(separator: l.pick("、", ", "))
        throw CLIError(l.pick("找不到示例数据集（查找了 \(looked)）：请用 --dataset 指定数据集目录，或设置环境变量 ZONESCREEN_DATASET 指向它；"
                                + "示例数据集在代码仓库的 Fixtures/demo，scripts/install 把它装到 PREFIX/share/zonescreen/demo",
                              "the demo dataset was not found (looked in \(looked)): name a dataset folder with --dataset, or point ZONESCREEN_DATASET at it; "
                                + "the demo dataset is Fixtures/demo in the repository, and scripts/install puts it in PREFIX/share/zonescreen/demo"))
    }

    /// `access`: a service holds a private copy of the store (`DatasetStore.Access`). `quiet`: say
    /// nothing when the store had to be built (a warning that it could not be saved still shows).
    static func load(_ path: String?, language l: Language, access: DatasetStore.Access = .shared, quiet: Bool = false) throws(CLIError) -> Dataset {
        let url = try directory(path, language: l)
        let opened: DatasetStore.Opened
        do { opened = try DatasetStore.open(url, access: access) } catch {
            throw CLIError((error as? UserFacingError)?.message(l) ?? "\(error)")
        }
        var quietened = false
        if quiet, case .built = opened.event { quietened = true }
        if !quietened, let note = note(opened.event, language: l) { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        return opened.dataset
    }

    /// What the user should know about how the dataset was opened (nothing when a fresh store was mapped).
    static func note(_ event: DatasetStore.Event, language l: Language) -> String? {
        switch event {
        case .mapped:
            return nil
        case .built(let path, let reason, let seconds):
            let why: String
            switch reason {
            case .missing: why = l.pick("首次使用", "first use")
            case .changed(let file): why = l.pick("源文件 \(file) 有改动", "source file \(file) changed")
            case .otherFolder(let folder): why = l.pick("缓存中的编译数据集属于另一目录 \(folder)", "the cached store belonged to another folder, \(folder)")
            case .unusable(let error): why = error.message(l)
            }
            return l.pick("已编译数据集（\(why)），用时 \(String(format: "%.1f", seconds)) 秒：\(path)",
                          "compiled the dataset (\(why)) in \(String(format: "%.1f", seconds)) s: \(path)")
        case .inMemory(let problem):
            return l.pick("注意：无法保存编译数据集（\(problem)），本次直接读取源文件", "note: the compiled dataset could not be saved (\(problem)); read from the sources this time")
        }
    }

    /// Loads the dataset, or prints why not to stderr and exits with `status`.
    static func loadOrExit(_ path: String?, language l: Language, status: Int32, access: DatasetStore.Access = .shared, quiet: Bool = false) throws -> Dataset {
        do { return try load(path, language: l, access: access, quiet: quiet) } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            throw ExitCode(status)
        }
    }
}
