import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

extension ReferenceCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

extension CarryForwardCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}


/// Collects every record of a run, for tests.
typealias CollectingSink = RecordingSink

