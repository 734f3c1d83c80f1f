import Testing
import Zoning

@Suite("Admission-list dimensions")
struct DimensionTests {
    @Test("the four dimensions in their published order and Chinese names")
    func names() {
        #expect(Dimension.allCases.map(\.chineseName) == ["空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求"])
    }
}
