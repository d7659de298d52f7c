import Testing
@testable import TraceEngine

@Suite struct SymbolMapTests {
    /// `ordinal` reads the case number from memory; this is what makes it the declaration order.
    @Test func ordinalIsTheDeclarationOrder() {
        for (index, symbol) in Symbol.allCases.enumerated() {
            #expect(symbol.ordinal == index, "\(symbol.rawValue)")
        }
    }

    @Test func behavesLikeADictionaryInDeclarationOrder() {
        var map = SymbolMap<Double>()
        #expect(map.isEmpty && map[.eta] == nil && map.keys.isEmpty)
        map[.t] = 3
        map[.eta] = 0.1
        map[.wNew] = -1
        #expect(map[.eta] == 0.1 && map[.t] == 3 && map[.wNew] == -1 && map[.beta] == nil)
        #expect(map.keys == [.wNew, .eta, .t])
        #expect(map.map(\.value) == [-1, 0.1, 3])
        map[.wNew] = nil
        #expect(map.keys == [.eta, .t])
        let literal: SymbolMap<Double> = [.t: 3, .eta: 0.1]
        #expect(literal == map)
        map[.eta] = nil
        map[.t] = nil
        #expect(map.isEmpty && map == SymbolMap<Double>())
    }
}
