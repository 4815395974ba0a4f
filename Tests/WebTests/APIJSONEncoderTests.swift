import Foundation
import Testing
@testable import Web

/// The API's encoder must give JSONEncoder's bytes (snake_case, ISO 8601, sorted keys,
/// unescaped slashes); debug builds also compare every response the other tests produce.
@Suite struct APIJSONEncoderTests {
    enum Kind: String, Encodable { case firstKind, second }

    struct Inner: Encodable {
        var someValue: Int64
        var whenHappened: Date?
        var label: String?
    }

    struct Sample: Encodable {
        var plainText: String
        var trickyText: String
        var kind: Kind
        var flag: Bool
        var smallest: Int64
        var largest: UInt64
        var missing: String?
        var inners: [Inner]
        var nested: [[Int]]
        var byName: [String: Int]
        var instants: [Date]
        var empty: [String]
        var userID: Int
        var myURLProperty: String
    }

    struct ExplicitNull: Encodable {
        var nextCursor: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
        enum CodingKeys: String, CodingKey { case nextCursor }
    }

    static let sample = Sample(
        plainText: "株式会社つばめいと 燕市",
        trickyText: "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00} del \u{7F} feed \u{0C} back \u{08} emoji 👩‍💼 〓",
        kind: .firstKind, flag: true, smallest: .min, largest: .max, missing: nil,
        inners: [Inner(someValue: 1, whenHappened: Date(timeIntervalSince1970: 1_763_729_043.999), label: nil),
                 Inner(someValue: -2, whenHappened: nil, label: "")],
        nested: [[], [1, 2], [3]],
        byName: ["zetaKey": 1, "alphaKey": 2, "B": 3, "a": 4, "éKey": 5],
        instants: [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1.5), Date(timeIntervalSince1970: 951_782_400),
                   Date(timeIntervalSince1970: 4_102_444_799), Date(timeIntervalSince1970: 1_711_931_400.25)],
        empty: [], userID: 7, myURLProperty: "https://example.jp/a/b")

    @Test func givesJSONEncodersBytes() throws {
        let fast = String(decoding: try #require(APIJSONEncoder.encode(Self.sample)), as: UTF8.self)
        let foundation = String(decoding: try APIJSON.foundationEncode(Self.sample), as: UTF8.self)
        #expect(fast == foundation)
    }

    @Test func anExplicitNilIsNullAndAnAbsentOneIsLeftOut() throws {
        let fast = try #require(APIJSONEncoder.encode(ExplicitNull(nextCursor: nil)))
        #expect(String(decoding: fast, as: UTF8.self) == #"{"next_cursor":null}"#)
        #expect(fast == Array(try APIJSON.foundationEncode(ExplicitNull(nextCursor: nil))))
    }

    /// One generic `encode` stands for the fifteen primitive ones: every width must still come out
    /// as JSONEncoder writes it.
    @Test func everyIntegerWidthIsANumber() throws {
        struct Widths: Encodable {
            var a: Int8 = .min, b: Int16 = .min, c: Int32 = .min, d: UInt = .max, e: UInt8 = .max, f: UInt16 = .max, g: UInt32 = .max
            var list: [UInt8] = [0, 255], single = Wrapped(value: Int16(-7))
        }
        struct Wrapped: Encodable {
            var value: Int16
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value)
            }
        }
        let fast = try #require(APIJSONEncoder.encode(Widths()))
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try APIJSON.foundationEncode(Widths()), as: UTF8.self))
    }

    @Test func floatingPointIsLeftToJSONEncoder() throws {
        struct Ratio: Encodable { var share: Double }
        #expect(APIJSONEncoder.encode(Ratio(share: 0.1)) == nil)
        #expect(try APIJSON.bytes(Ratio(share: 0.1)) == Array(APIJSON.foundationEncode(Ratio(share: 0.1))))
    }
}

extension APIJSONEncoderTests {
    struct Twice: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(1, forKey: AnyKey(stringValue: "sameKey"))
            try container.encode(2, forKey: AnyKey(stringValue: "otherKey"))
            try container.encode(3, forKey: AnyKey(stringValue: "sameKey"))
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func aKeySetTwiceKeepsItsLastValue() throws {
        let fast = try #require(APIJSONEncoder.encode(Twice()))
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try APIJSON.foundationEncode(Twice()), as: UTF8.self))
    }
}

/// A stored document (an audit entry's before/after) keeps its keys as written, through both
/// encoders, while the API's own keys are snake_case around it.
@Suite struct VerbatimKeyTests {
    struct Entry: Encodable {
        var rowId: Int
        var after: JSONDocument
    }

    @Test func storedKeysAreNotReCased() throws {
        let stored = #"{"subsidyAfterGranted":1,"nested":{"priorPaid":[{"lineRef":"a"}]}}"#
        let entry = Entry(rowId: 3, after: try JSONDecoder().decode(JSONDocument.self, from: Data(stored.utf8)))
        let expected = #"{"after":{"nested":{"priorPaid":[{"lineRef":"a"}]},"subsidyAfterGranted":1},"row_id":3}"#
        #expect(String(decoding: try #require(APIJSONEncoder.encode(entry)), as: UTF8.self) == expected)
        #expect(String(decoding: try APIJSON.foundationEncode(entry), as: UTF8.self) == expected)
    }
}

/// A record shown through `RecordJSON`: its own names but for those renamed, hidden ones left
/// out, derived keys beside them, the same bytes through both encoders.
@Suite struct RecordJSONTests {
    struct Sample: APIRecord {
        struct Inner: Encodable { var innerName: String }
        var consortiumCode: String
        var amount: Int64
        var personName: String?
        var secret: Inner
        var inner: Inner
        var rowVersion: Int
        static let apiNames = ["consortiumCode": "consortium", "amount": "amount_yen"]
        static let apiHidden: Set = ["secret"]

        func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
            try container.encode(amount * 2, forKey: "doubleYen")
        }
    }

    static let sample = Sample(consortiumCode: "tsubame", amount: 5, personName: "山田", secret: .init(innerName: "x"),
                               inner: .init(innerName: "y"), rowVersion: 3)

    @Test func namesHidesAndDerives() throws {
        let expected = #"{"amount_yen":5,"consortium":"tsubame","double_yen":10,"inner":{"inner_name":"y"},"person_name":"山田","version":3}"#
        #expect(String(decoding: try #require(APIJSONEncoder.encode(RecordJSON(Self.sample))), as: UTF8.self) == expected)
        #expect(String(decoding: try APIJSON.foundationEncode(RecordJSON(Self.sample)), as: UTF8.self) == expected)
    }

    @Test func aCallerMayBeShownLess() throws {
        let expected = #"{"amount_yen":5,"consortium":"tsubame","double_yen":10,"inner":{"inner_name":"y"},"version":3}"#
        let json = RecordJSON(Self.sample, hiding: ["personName"])
        #expect(String(decoding: try #require(APIJSONEncoder.encode(json)), as: UTF8.self) == expected)
        #expect(String(decoding: try APIJSON.foundationEncode(json), as: UTF8.self) == expected)
    }
}

/// Keys of a one-byte key type are named by their byte (a `CodingKeys` case) once converted;
/// every other key by its text. Either way the bytes are JSONEncoder's, document after document.
@Suite struct KeyNamingTests {
    /// One byte that is not an enum's case: its two values are two keys.
    struct FlagKey: CodingKey {
        var upper: Bool
        var stringValue: String { upper ? "upperSide" : "lowerSide" }
        var intValue: Int? { nil }
        init(upper: Bool) { self.upper = upper }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
    struct Flags: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: FlagKey.self)
            try container.encode(1, forKey: FlagKey(upper: true))
            try container.encode(2, forKey: FlagKey(upper: false))
        }
    }
    /// A key type without a value to tell its keys apart: its only case.
    struct Lone: Encodable {
        enum CodingKeys: CodingKey { case onlyKey }
        var onlyKey = "a"
    }
    struct Many: Encodable {
        var zKeyOne = 1, yKeyTwo = 2, xKeyThree = 3, wKeyFour = 4, vKeyFive = 5, uKeySix = 6, tKeySeven = 7, sKeyEight = 8, rKeyNine = 9
        var sameEightBytesA = "a", sameEightBytesB = "b", sameEight = "c", lone = Lone(), flags = Flags()
    }

    @Test func givesJSONEncodersBytesEveryTime() throws {
        for _ in 0..<3 {
            let fast = String(decoding: try #require(APIJSONEncoder.encode(Many())), as: UTF8.self)
            #expect(fast == String(decoding: try APIJSON.foundationEncode(Many()), as: UTF8.self))
        }
        #expect(String(decoding: try #require(APIJSONEncoder.encode(Flags())), as: UTF8.self) == #"{"lower_side":2,"upper_side":1}"#)
    }
}

@Suite struct APIJSONEncoderEdgeTests {
    struct Instants: Encodable {
        var at: [Date]
    }

    /// Years after 9999, and the first day of the Gregorian calendar, as JSONEncoder writes them;
    /// before it (Julian in Foundation), `APIJSON` leaves the document to JSONEncoder.
    @Test func farInstantsAsJSONEncoderWritesThem() throws {
        let value = Instants(at: [Date(timeIntervalSince1970: -12_219_292_800), Date(timeIntervalSince1970: 300_000_000_000),
                                  Date(timeIntervalSince1970: 253_402_300_799)])
        let julian = Instants(at: [Date(timeIntervalSince1970: -46_000_000_000)])
        #expect(APIJSONEncoder.encode(julian) == nil)
        #expect(try APIJSON.bytes(julian) == Array(APIJSON.foundationEncode(julian)))
        let fast = String(decoding: try #require(APIJSONEncoder.encode(value)), as: UTF8.self)
        let foundation = String(decoding: try APIJSON.foundationEncode(value), as: UTF8.self)
        #expect(fast == foundation)
    }

    /// An instant that is no number of seconds is left to JSONEncoder, not trapped on.
    @Test func anInstantOutOfRangeIsDeclined() {
        #expect(APIJSONEncoder.encode(Instants(at: [Date(timeIntervalSince1970: .infinity)])) == nil)
        #expect(APIJSONEncoder.encode(Instants(at: [Date(timeIntervalSince1970: .nan)])) == nil)
    }

    /// An integer type `box` does not name encodes itself as a single value, which must not
    /// send it round again.
    @Test func otherIntegerTypesAsJSONEncoderWritesThem() throws {
        struct Wide: Encodable {
            var big = Int128.max, small = Int128.min, unsigned = UInt128.max
        }
        let fast = try APIJSON.bytes(Wide())
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try APIJSON.foundationEncode(Wide()), as: UTF8.self))
    }
}
