import Formats
import Testing
import TestSupport
import Zoning

/// A site's project profile from its feature's properties, by the names files give them.
@Suite("Profiles from feature properties")
struct ProfilePropertiesTests {
    static let intake = SiteIntake(catalogue: TestDatasets.tiny.catalogue, options: SiteIntake.Options())

    @Test("each field by any of its names; a blank or null value counts as not given")
    func names() throws {
        let profile = try Self.intake.profile(from: ["行业代码": .string("C2614"), "建设性质": .string("新建"), "化工": .string("是"),
                                                     "主要产品": .string("含电镀工序"), "总投资": .number(8000), "产品": .string("")])
        #expect(profile?.industry == "C2614")
        #expect(profile?.nature == .new)
        #expect(profile?.chemical == true)
        #expect(profile?.products == "含电镀工序")
        #expect(profile?.investment == 8000)
        let blank = try Self.intake.profile(from: ["industry": .null, "行业": .string(""), "名称": .string("一号地")])
        #expect(blank == nil)
    }

    @Test("a feature that gives a field under two names: the first name of the list wins, whatever the order in the file")
    func firstNameWins() throws {
        // industry, 行业代码, 行业 in that order: industry wins over 行业代码, 行业代码 over 行业.
        let both = try Self.intake.profile(from: ["行业": .string("C2614"), "industry": .string("A0113")])
        #expect(both?.industry == "A0113")
        let later = try Self.intake.profile(from: ["行业": .string("C2614"), "行业代码": .string("A0113")])
        #expect(later?.industry == "A0113")
        // A blank first name gives way to the next one that says something.
        let blankFirst = try Self.intake.profile(from: ["industry": .string(""), "行业": .string("C2614")])
        #expect(blankFirst?.industry == "C2614")
    }

    @Test("flags come from a list under flags")
    func flags() throws {
        let profile = try Self.intake.profile(from: ["flags": .array([.string("tailingsPond")])])
        #expect(profile?.flags == ["tailingsPond"])
        #expect(profile?.flagsStated == true)
    }

    @Test("a flags property, even an empty list, answers the flags; without one nobody answered them")
    func flagsAnswered() throws {
        let empty = try Self.intake.profile(from: ["industry": .string("C2614"), "flags": .array([])])
        #expect(empty?.flags == [] && empty?.flagsStated == true)
        let absent = try Self.intake.profile(from: ["industry": .string("C2614")])
        #expect(absent?.flags == [] && absent?.flagsStated == false)
        let null = try Self.intake.profile(from: ["industry": .string("C2614"), "flags": .null])
        #expect(null?.flagsStated == false)
    }

    @Test("flags as a text column (Shapefile, Excel): a list split on commas or 、; blank text leaves them unanswered; an unknown one is refused")
    func flagsAsText() throws {
        let intake = SiteIntake(dataset: TestDatasets.tiny, options: SiteIntake.Options())
        let two = try intake.profile(from: ["industry": .string("C2614"), "flags": .string("tailingsPond， linearInfrastructure")])
        #expect(two?.flags == ["tailingsPond", "linearInfrastructure"] && two?.flagsStated == true)
        let chinese = try intake.profile(from: ["industry": .string("C2614"), "flags": .string("尾矿库、燃煤锅炉")])
        #expect(chinese?.flags == ["tailingsPond", "coalFiredBoiler"])
        let blank = try intake.profile(from: ["industry": .string("C2614"), "flags": .string(" ")])
        #expect(blank?.flags == [] && blank?.flagsStated == false)
        let number = try intake.profile(from: ["industry": .string("C2614"), "flags": .number(1)])
        #expect(number?.flagsStated == false)
        #expect(throws: ProfileInputError.self) { try intake.profile(from: ["industry": .string("C2614"), "flags": .string("不存在的标记")]) }
    }
}
