package azkeys

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
)

// HISKind is one "HIS v1" identifiable key format: random bytes, a 4-character
// signature 8 bytes from the end, and a 4-byte Marvin32 checksum of
// everything before it, base64-encoded. Formats that share a signature
// (AIoT, APIM, AzSe) are told apart by the seed that validates.
type HISKind struct {
	ID        string   // short name, e.g. "apim-subscription"; rules.yaml names it as `validate: his:<ID>`
	Name      string   // e.g. "Azure Storage account key"
	Signature string   // 4 characters at SigOffset
	Bytes     int      // decoded length
	Len       int      // encoded length
	SigOffset int      // character offset of the signature
	URLSafe   bool     // URL-safe base64 (Functions keys)
	Base62    bool     // the service emits only alphanumeric keys (Search)
	Seeds     []string // checksum labels; any one validates
}

// newHIS lays out a format from its decoded length n: the signature's 3
// bytes sit at byte n-8, shifted so that they render as exactly 4
// characters, and the checksum fills the last 4 bytes.
func newHIS(id, name, sig string, n int, seeds ...string) HISKind {
	shift := ((n - 7) * 8) % 6
	return HISKind{
		ID: id, Name: name, Signature: sig, Seeds: seeds, Bytes: n,
		Len:       (n + 2) / 3 * 4,
		SigOffset: ((n-8)*8 + 8 - shift) / 6,
	}
}

func (k HISKind) urlSafe() HISKind { k.URLSafe = true; return k }
func (k HISKind) base62() HISKind  { k.Base62 = true; return k }

var messagingSeeds = []string{"Send0000", "Listen00", "Manage00"}

// The HIS v1 formats, by decoded length: 64 bytes (88 characters), 32
// (44), 39 (52, unpadded) and 40 (56, URL-safe).
var (
	StorageKey    = newHIS("storage", "Azure Storage account key", "+ASt", 64, "Default0")
	CosmosKey     = newHIS("cosmos", "Azure Cosmos DB key", "ACDb", 64, "MastRO00", "MastRW00", "SystRO00", "SystRW00", "SysAll00", "Resour00", "Encryp00")
	BatchKey      = newHIS("batch", "Azure Batch account key", "+ABa", 64, "AbAcct00")
	MLClassicKey  = newHIS("ml-classic", "Azure Machine Learning web service (classic) key", "+AMC", 64, "Classic0")
	APIMTenantKey = newHIS("apim-direct-management", "Azure API Management direct management key", "APIM", 64, "Tenant00")
	// The subscription key's seed is the same label as IoT Hub's.
	APIMSubscriptionKey = newHIS("apim-subscription", "Azure API Management subscription key", "APIM", 64, "IoTHub00")
	APIMGatewayKey      = newHIS("apim-gateway", "Azure API Management gateway key", "APIM", 64, "Gatewy00")
	APIMRepositoryKey   = newHIS("apim-repository", "Azure API Management repository key", "APIM", 64, "GitKey00")

	ServiceBusKey = newHIS("servicebus", "Azure Service Bus key", "+ASb", 32, messagingSeeds...)
	EventHubsKey  = newHIS("eventhubs", "Azure Event Hubs key", "+AEh", 32, messagingSeeds...)
	RelayKey      = newHIS("relay", "Azure Relay key", "+ARm", 32, messagingSeeds...)
	IoTHubKey     = newHIS("iot-hub", "Azure IoT Hub key", "AIoT", 32, "IoTHub00")
	IoTDPSKey     = newHIS("iot-dps", "Azure IoT Hub Device Provisioning Service key", "AIoT", 32, "DpsKey00")
	IoTDeviceKey  = newHIS("iot-device", "Azure IoT device key", "AIoT", 32, "Device00")
	RedisKey      = newHIS("redis", "Azure Cache for Redis access key", "AzCa", 32, "Access00")
	EventGridKey  = newHIS("eventgrid", "Azure Event Grid access key", "AZEG", 32, "SendRecv")

	SearchQueryKey       = newHIS("search-query", "Azure AI Search query key", "AzSe", 39, "Query000").base62()
	SearchAdminKey       = newHIS("search-admin", "Azure AI Search admin key", "AzSe", 39, "PAdmin00").base62()
	ContainerRegistryKey = newHIS("container-registry", "Azure Container Registry key", "+ACR", 39, "ACRDflt0")

	FunctionsKey = newHIS("functions", "Azure Functions key", "AzFu", 40, "Functi00", "Master00", "System00").urlSafe()
)

// HISKinds lists every HIS v1 format keyless validates.
var HISKinds = []HISKind{
	StorageKey, CosmosKey, BatchKey, MLClassicKey,
	APIMTenantKey, APIMSubscriptionKey, APIMGatewayKey, APIMRepositoryKey,
	ServiceBusKey, EventHubsKey, RelayKey, IoTHubKey, IoTDPSKey, IoTDeviceKey, RedisKey, EventGridKey,
	SearchQueryKey, SearchAdminKey, ContainerRegistryKey, FunctionsKey,
}

// Pad is the number of '=' that end k's keys.
func (k HISKind) Pad() int { return (3 - k.Bytes%3) % 3 }

// HasShape reports whether key has k's length, signature position and
// alphabet (the checksum aside).
func (k HISKind) HasShape(key string) bool {
	if len(key) != k.Len || key[k.SigOffset:k.SigOffset+len(k.Signature)] != k.Signature {
		return false
	}
	pad := k.Pad()
	for i := 0; i < len(key)-pad; i++ {
		c := key[i]
		switch {
		case isB62(c):
		case k.Base62:
			return false
		case k.URLSafe && (c == '-' || c == '_'):
		case !k.URLSafe && (c == '+' || c == '/'):
		default:
			return false
		}
	}
	return strings.Count(key[len(key)-pad:], "=") == pad
}

// Valid reports whether key has k's shape and a checksum valid for one of
// k's seeds.
func (k HISKind) Valid(key string) bool {
	if !k.HasShape(key) {
		return false
	}
	data, ok := decodeLenient(key)
	if !ok || len(data) != k.Bytes {
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
	k, _, valid := ClassifyHIS(key)
	return k, valid
}

// ClassifyHIS tells what key is among the HIS v1 formats: shaped when it
// has the length and signature of one of them, and then valid with the
// format (of those sharing the signature) whose checksum holds.
func ClassifyHIS(key string) (k HISKind, shaped, valid bool) {
	for _, kind := range HISKinds {
		if !kind.HasShape(key) {
			continue
		}
		shaped = true
		if kind.Valid(key) {
			return kind, true, true
		}
	}
	return HISKind{}, shaped, false
}

// decodeLenient maps URL-safe characters to standard ones, drops padding,
// and decodes, ignoring non-zero trailing bits as .NET does.
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
	if !ok || len(data) != k.Bytes {
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
