import Zoning

/// Foundation also has a `Dimension` (units of measure); in this module the word means the admission
/// lists' dimension (空间布局约束 …).
typealias Dimension = Zoning.Dimension
