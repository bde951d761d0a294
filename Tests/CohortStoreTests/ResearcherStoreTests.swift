import CohortCore
import Testing

extension StoreConformance {
    /// Researchers and tokens: provisioning (idempotent by email), token lookup, `hasResearchers`.
    @Suite struct Researchers {
        @Test(arguments: StoreKind.allCases)
        func provisioningCreatesResearcherOrganisationAndWorkspace(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                #expect(try await store.hasResearchers() == false)
                let new = NewResearcher(email: "ada@example.org", name: "Ada", at: time())
                let (researcher, created) = try await store.provisionResearcher(new)
                #expect(created)
                #expect(researcher == Researcher(id: new.id, email: "ada@example.org", name: "Ada", organisationID: new.organisationID))
                #expect(try await store.hasResearchers())

                let workspaces = try await store.workspaces(of: researcher.id, page: .everything)
                #expect(workspaces.total == 1)
                let first = try #require(workspaces.items.first)
                #expect(first.workspace.id == new.workspaceID)
                #expect(first.workspace.organisationID == new.organisationID)
                #expect(first.workspace.ownerID == new.id)
                #expect(first.users == [Member(researcher: researcher, roles: [Member.workspaceAdmin])])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func provisioningIsIdempotentByEmail(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let first = try await store.provisionResearcher(NewResearcher(email: "ada@example.org", name: "Ada", at: time()))
                let again = try await store.provisionResearcher(NewResearcher(email: "ada@example.org", name: "Other", at: time(5)))
                #expect(again.created == false)
                #expect(again.researcher == first.researcher)
                #expect(try await store.workspaces(of: first.researcher.id, page: .everything).total == 1)

                let other = try await store.provisionResearcher(NewResearcher(email: "bob@example.org", name: "Bob", at: time()))
                #expect(other.created)
                #expect(other.researcher.id != first.researcher.id)
                #expect(other.researcher.organisationID != first.researcher.organisationID)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func tokensAreFoundByLookupKey(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let adaToken = APIToken("ada-secret").digest, bobToken = APIToken("bob-secret").digest
                try await store.addToken(adaToken, for: ada.id, at: time())
                try await store.addToken(bobToken, for: bob.id, at: time())

                let found = try await store.tokens(lookupKey: adaToken.lookupKey)
                #expect(found.count == 1)
                #expect(found.first?.digest == adaToken)
                #expect(found.first?.researcher == ada.researcher)
                #expect(try await store.tokens(lookupKey: bobToken.lookupKey).map(\.researcher) == [bob.researcher])
                #expect(try await store.tokens(lookupKey: APIToken("nobody").digest.lookupKey).isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func addingTheSameDigestAgainDoesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let digest = APIToken("ada-secret").digest
                try await store.addToken(digest, for: ada.id, at: time())
                try await store.addToken(digest, for: ada.id, at: time(60))
                let found = try await store.tokens(lookupKey: digest.lookupKey)
                #expect(found.map(\.digest) == [digest])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aResearcherMayHoldSeveralTokens(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let tokens = (0..<3).map { _ in APIToken.generate().digest }
                for token in tokens { try await store.addToken(token, for: ada.id, at: time()) }
                for token in tokens {
                    let found = try await store.tokens(lookupKey: token.lookupKey)
                    #expect(found.contains { $0.digest == token && $0.researcher == ada.researcher })
                }
            }
        }

        @Test(arguments: StoreKind.allCases)
        func everyTokenIsListedOldestFirstByItsLookupKey(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let first = APIToken("ada-one").digest, second = APIToken("bob-one").digest
                try await store.addToken(first, for: ada.id, at: time())
                try await store.addToken(second, for: bob.id, at: time(10))
                let tokens = try await store.allTokens()
                #expect(tokens == [
                    TokenRecord(id: first.lookupKey, researcher: ada.researcher, createdAt: time()),
                    TokenRecord(id: second.lookupKey, researcher: bob.researcher, createdAt: time(10)),
                ])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func revokedTokensAreNotFoundAndOthersStay(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let adaOne = APIToken("ada-one").digest, adaTwo = APIToken("ada-two").digest
                let bobOne = APIToken("bob-one").digest
                for (digest, tenant) in [(adaOne, ada), (adaTwo, ada), (bobOne, bob)] {
                    try await store.addToken(digest, for: tenant.id, at: time())
                }
                let before = store.tokenRevocationEpoch()
                #expect(try await store.revokeTokens(.id(adaOne.lookupKey)) == 1)
                #expect(try await store.tokens(lookupKey: adaOne.lookupKey).isEmpty)
                #expect(try await store.tokens(lookupKey: adaTwo.lookupKey).count == 1)
                if let before { #expect(store.tokenRevocationEpoch() != before, "the epoch must change on a revocation") }

                #expect(try await store.revokeTokens(.digest(bobOne)) == 1)
                #expect(try await store.tokens(lookupKey: bobOne.lookupKey).isEmpty)
                #expect(try await store.revokeTokens(.researcher(email: "ada@example.org")) == 1)
                #expect(try await store.allTokens().isEmpty)
                #expect(try await store.revokeTokens(.researcher(email: "nobody@example.org")) == 0)
                #expect(try await store.revokeTokens(.id("0000000000000000")) == 0)
            }
        }
    }
}
