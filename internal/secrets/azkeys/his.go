package azkeys

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
)

// HISKind is one "HIS v1" identifiable key format: its signature, length
// and checksum seeds (§3.2 of the reference).
type HISKind struct {
	Name      string   // e.g. "Azure Storage account key"
	Signature string   // 4 characters at SigOffset
	Len       int      // encoded length
	SigOffset int      // character offset of the signature
	URLSafe   bool     // URL-safe base64 (Functions keys)
	Seeds     []string // checksum labels; any one validates
}

var messagingSeeds = []string{"Send0000", "Listen00", "Manage00"}

// HIS v1 formats keyless knows. Shared signatures (AIoT, APIM, AzSe) are
// told apart by the seed that validates.
var (
	StorageKey    = HISKind{"Azure Storage account key", "+ASt", 88, 76, false, []string{"Default0"}}
	CosmosKey     = HISKind{"Azure Cosmos DB key", "ACDb", 88, 76, false, []string{"MastRO00", "MastRW00", "SystRO00", "SystRW00", "SysAll00", "Resour00", "Encryp00"}}
	ServiceBusKey = HISKind{"Azure Service Bus key", "+ASb", 44, 33, false, messagingSeeds}
	EventHubsKey  = HISKind{"Azure Event Hubs key", "+AEh", 44, 33, false, messagingSeeds}
	RelayKey      = HISKind{"Azure Relay key", "+ARm", 44, 33, false, messagingSeeds}
)

// HISKinds lists the formats ValidHIS recognises.
var HISKinds = []HISKind{StorageKey, CosmosKey, ServiceBusKey, EventHubsKey, RelayKey}

// HasShape reports whether key has k's length and signature position.
func (k HISKind) HasShape(key string) bool {
	return len(key) == k.Len && key[k.SigOffset:k.SigOffset+len(k.Signature)] == k.Signature
}

// Valid reports whether key has k's shape and a checksum valid for one of
// k's seeds (IdentifiableSecrets.ValidateChecksum).
func (k HISKind) Valid(key string) bool {
	if !k.HasShape(key) {
		return false
	}
	data, ok := decodeLenient(key)
	if !ok || len(data) < 8 {
		return false
	}
	n := len(data)
	stored := binary.LittleEndian.Uint32(data[n-4:])
	for _, s := range k.Seeds {
		if Marvin32(data[:n-4], Seed(s)) == stored {
			return true
		}
	}
	return false
}

// ValidHIS returns the HIS v1 format whose shape and checksum key has.
func ValidHIS(key string) (HISKind, bool) {
	for _, k := range HISKinds {
		if k.Valid(key) {
			return k, true
		}
	}
	return HISKind{}, false
}

// decodeLenient maps URL-safe characters to standard ones, pads, and
// decodes, ignoring non-zero trailing bits as .NET does.
func decodeLenient(s string) ([]byte, bool) {
	s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
	s = strings.TrimRight(s, "=")
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}

// Complete fills in the checksum of a key of k's shape whose checksum
// characters are placeholders, using seed, and returns the encoded key. It
// is how tests and the corpus build keys instead of committing them.
func (k HISKind) Complete(template, seed string) (string, bool) {
	if len(template) != k.Len {
		return "", false
	}
	data, ok := decodeLenient(template)
	if !ok {
		return "", false
	}
	n := len(data)
	binary.LittleEndian.PutUint32(data[n-4:], Marvin32(data[:n-4], Seed(seed)))
	enc := base64.StdEncoding
	if k.URLSafe {
		enc = base64.URLEncoding
	}
	out := enc.EncodeToString(data)
	if !k.HasShape(out) {
		return "", false
	}
	return out, true
}
