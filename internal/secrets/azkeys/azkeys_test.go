package azkeys

import (
	"fmt"
	"strings"
	"testing"
)

func TestMarvinVectors(t *testing.T) {
	for _, tc := range []struct {
		seed uint64
		data []byte
		want uint64
	}{
		{0xd53cd9cecd0893b7, []byte("abc"), 0x22c74339492769bf},
		{0x0ddddeeeeffff000, []byte("abcdefghijklmnopqrstuvwxyz"), 0xa128eb7e7260aca2},
		{0x004fb61a001bdbcc, []byte{}, 0x30ed35c100cd3c7d},
		{0x004fb61a001bdbcc, []byte{0xaf}, 0x48e73fc77d75ddc1},
		{0x004fb61a001bdbcc, []byte{0xab, 0x42, 0x7e, 0xa8, 0xd1, 0x0f, 0xc7}, 0xe11847e4f0678c41},
		{0x804fb61a801bdbcc, []byte{0xff, 0x00, 0xff, 0x00, 0xff, 0x00}, 0x6911a53ca8c12254},
	} {
		if got := Marvin64(tc.data, tc.seed); got != tc.want {
			t.Errorf("Marvin64(%x, %#x) = %#x, want %#x", tc.data, tc.seed, got, tc.want)
		}
	}
	if got := Marvin32([]byte("abc"), 0xd53cd9cecd0893b7); got != 0x6be02a86 {
		t.Errorf("Marvin32(abc) = %#x, want 0x6be02a86", got)
	}
}

// other is a letter other than c: upper case for an upper-case c, else
// lower case.
func other(c byte) byte {
	lower := c < 'A' || c > 'Z'
	if c|0x20 == 'b' {
		c = 'C'
	} else {
		c = 'B'
	}
	if lower {
		c |= 0x20
	}
	return c
}

func TestSeed(t *testing.T) {
	if got := Seed("Default0"); got != 0x44656661756c7430 {
		t.Errorf("Seed(Default0) = %#x", got)
	}
	if got := Seed("ROSeed00"); got != 0x524f536565643030 {
		t.Errorf("Seed(ROSeed00) = %#x", got)
	}
	// The seeds of the formats as the reference lists them in hex, so
	// that a mistyped label fails here.
	want := map[string][]uint64{
		"storage":                {0x44656661756c7430},
		"cosmos":                 {0x4d617374524f3030, 0x4d61737452573030, 0x53797374524f3030, 0x5379737452573030, 0x537973416c6c3030, 0x5265736f75723030, 0x456e637279703030},
		"batch":                  {0x4162416363743030},
		"ml-classic":             {0x436c617373696330},
		"apim-direct-management": {0x54656e616e743030},
		"apim-subscription":      {0x496f544875623030},
		"apim-gateway":           {0x4761746577793030},
		"apim-repository":        {0x4769744b65793030},
		"servicebus":             {0x53656e6430303030, 0x4c697374656e3030, 0x4d616e6167653030},
		"eventhubs":              {0x53656e6430303030, 0x4c697374656e3030, 0x4d616e6167653030},
		"relay":                  {0x53656e6430303030, 0x4c697374656e3030, 0x4d616e6167653030},
		"iot-hub":                {0x496f544875623030},
		"iot-dps":                {0x4470734b65793030},
		"iot-device":             {0x4465766963653030},
		"redis":                  {0x4163636573733030},
		"eventgrid":              {0x53656e6452656376},
		"search-query":           {0x5175657279303030},
		"search-admin":           {0x5041646d696e3030},
		"container-registry":     {0x41435244666c7430},
		"functions":              {0x46756e6374693030, 0x4d61737465723030, 0x53797374656d3030},
	}
	if len(want) != len(HISKinds) {
		t.Errorf("%d formats, %d with known seeds", len(HISKinds), len(want))
	}
	for _, k := range HISKinds {
		var got []uint64
		for _, s := range k.Seeds {
			got = append(got, Seed(s))
		}
		if fmt.Sprint(got) != fmt.Sprint(want[k.ID]) {
			t.Errorf("%s: seeds %#x, want %#x", k.ID, got, want[k.ID])
		}
	}
}

// The reference's vectors V1 and V2 and the Rust bench fixture, composed
// at test time (no key text is committed).
func TestCASKVectors(t *testing.T) {
	a12 := strings.Repeat("A", 12)
	for _, tc := range []struct {
		name, body            string
		h                     uint32
		b62, b62long, rawWant string
		service               string
	}{
		{"V1", strings.Repeat("A", 52) + "JQQJ99BA" + a12 + "AAAA" + "ACOG", 0xfd46cff7, "4XMg", "4XMgMQ==", "989G", "Azure AI Services"},
		{"V2", strings.Repeat("x", 52) + "JQQJ99BF" + a12 + "AAAB" + "ACOG", 0x16b9c392, "2gdY", "2gdYpA==", "ksO5", "Azure OpenAI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := CASKChecksum(tc.body, Base62, false); got != tc.b62 {
				t.Errorf("base62 checksum = %q, want %q", got, tc.b62)
			}
			if got, _ := CASKChecksum(tc.body, Base62, true); got != tc.b62long {
				t.Errorf("base62 long checksum = %q, want %q", got, tc.b62long)
			}
			if got, _ := CASKChecksum(tc.body, Raw, false); got != tc.rawWant {
				t.Errorf("raw checksum = %q, want %q", got, tc.rawWant)
			}
			for _, key := range []string{tc.body + tc.b62, tc.body + tc.rawWant} {
				c, ok := ParseCASK(key)
				if !ok {
					t.Fatalf("ParseCASK rejected a valid key (%s…)", key[:4])
				}
				if c.Service() != tc.service {
					t.Errorf("Service() = %q, want %q", c.Service(), tc.service)
				}
			}
			if c, ok := ParseCASK(tc.body + tc.b62long); !ok || !c.LongForm {
				t.Errorf("long form rejected")
			}
			// One changed character anywhere breaks the checksum.
			key := []byte(tc.body + tc.b62)
			for _, i := range []int{0, 30, 51, 60, 83} {
				k := append([]byte(nil), key...)
				if k[i] == 'B' {
					k[i] = 'C'
				} else {
					k[i] = 'B'
				}
				if _, ok := ParseCASK(string(k)); ok {
					t.Errorf("ParseCASK accepted a key with char %d changed", i)
				}
			}
		})
	}
	// Rust bench fixture: valid via the raw long form.
	fixture := strings.Repeat("A", 52) + "JQQJ99AG" + strings.Repeat("A", 16) + "ABCD" + "TZJ9JA=="
	if c, ok := ParseCASK(fixture); !ok || c.Encoding != Raw || !c.LongForm {
		t.Errorf("Rust fixture: ok=%v %+v", ok, c)
	}
}

// Microsoft's published HIS v1 vectors (the repository's fixtures and keys
// computed with all random bytes zero), composed at test time. Where a
// signature is shared, the seed that validates picks the format.
func TestHISVectors(t *testing.T) {
	for _, tc := range []struct {
		kind HISKind
		key  string
	}{
		{FunctionsKey, strings.Repeat("d", 44) + "AzFu182vhA=="}, // System00
		{ContainerRegistryKey, strings.Repeat("e", 42) + "+ACRCTB7t/"},
		{ServiceBusKey, strings.Repeat("a", 33) + "+ASbHpHeAI="},
		{StorageKey, strings.Repeat("A", 76) + "+AStvmNvzw=="},
		{CosmosKey, strings.Repeat("A", 76) + "ACDb82KEzw=="},
		{APIMTenantKey, strings.Repeat("A", 76) + "APIM23qhZw=="},
		{ServiceBusKey, strings.Repeat("A", 33) + "+ASbIPQntU="},
		{IoTHubKey, strings.Repeat("A", 33) + "AIoTApMIm8="},
		{SearchQueryKey, strings.Repeat("A", 42) + "AzSeAMowXB"},
		{ContainerRegistryKey, strings.Repeat("A", 42) + "+ACRDEAsA3"},
		{FunctionsKey, strings.Repeat("A", 44) + "AzFuZg7Zjw=="}, // Functi00
	} {
		if !tc.kind.Valid(tc.key) {
			t.Errorf("%s: vector %s… rejected", tc.kind.Name, tc.key[:4])
		}
		if k, ok := ValidHIS(tc.key); !ok || k.ID != tc.kind.ID {
			t.Errorf("%s: ValidHIS = %q, %v", tc.kind.Name, k.ID, ok)
		}
		bad := tc.key[:10] + "Z" + tc.key[11:]
		if k, shaped, valid := ClassifyHIS(bad); !shaped || valid {
			t.Errorf("%s: corrupted vector: shaped=%v valid=%v (%s)", tc.kind.Name, shaped, valid, k.ID)
		}
	}
	// Complete builds the same vectors from a zeroed template.
	for _, tc := range []struct {
		kind     HISKind
		template string
		seed     string
		want     string
	}{
		{StorageKey, strings.Repeat("A", 76) + "+AStAAAAAA==", "Default0", "vmNvzw=="},
		{CosmosKey, strings.Repeat("A", 76) + "ACDbAAAAAA==", "MastRW00", "82KEzw=="},
		{APIMTenantKey, strings.Repeat("A", 76) + "APIMAAAAAA==", "Tenant00", "23qhZw=="},
		{ServiceBusKey, strings.Repeat("A", 33) + "+ASbAAAAAA=", "Send0000", "IPQntU="},
		{IoTHubKey, strings.Repeat("A", 33) + "AIoTAAAAAA=", "IoTHub00", "ApMIm8="},
		{SearchQueryKey, strings.Repeat("A", 42) + "AzSeAAAAAA", "Query000", "AMowXB"},
		{ContainerRegistryKey, strings.Repeat("A", 42) + "+ACRAAAAAA", "ACRDflt0", "DEAsA3"},
		{FunctionsKey, strings.Repeat("A", 44) + "AzFuAAAAAA==", "Functi00", "Zg7Zjw=="},
	} {
		got, ok := tc.kind.Complete(tc.template, tc.seed)
		if !ok || !tc.kind.Valid(got) || !strings.HasSuffix(got, tc.want) {
			t.Errorf("%s: Complete = %s…(ok=%v), want suffix %q", tc.kind.Name, got[:min(len(got), 4)], ok, tc.want)
		}
	}
}

// Every format: its layout matches the reference's table, a key completed
// with each of its seeds validates as that format and no other, and a
// changed checksum character keeps the shape and loses the validity.
func TestHISKinds(t *testing.T) {
	layout := map[int][2]int{64: {88, 76}, 32: {44, 33}, 39: {52, 42}, 40: {56, 44}}
	ids := map[string]bool{}
	for _, k := range HISKinds {
		if ids[k.ID] {
			t.Errorf("duplicate id %q", k.ID)
		}
		ids[k.ID] = true
		if l := layout[k.Bytes]; l != [2]int{k.Len, k.SigOffset} {
			t.Errorf("%s: %d bytes laid out as len %d, signature at %d; want %v", k.ID, k.Bytes, k.Len, k.SigOffset, l)
		}
		for _, seed := range k.Seeds {
			if len(seed) != 8 {
				t.Errorf("%s: seed label %q is not 8 characters", k.ID, seed)
			}
			tmpl := strings.Repeat("Q", k.SigOffset) + k.Signature
			tmpl += strings.Repeat("A", k.Len-len(tmpl)-k.Pad()) + strings.Repeat("=", k.Pad())
			key, ok := k.Complete(tmpl, seed)
			if !ok {
				t.Errorf("%s/%s: Complete failed", k.ID, seed)
				continue
			}
			if got, ok := ValidHIS(key); !ok || got.ID != k.ID {
				t.Errorf("%s/%s: ValidHIS = %q, %v", k.ID, seed, got.ID, ok)
			}
			sum := k.SigOffset + 5 // inside the checksum, clear of padding bits
			bad := []byte(key)
			bad[sum] = other(bad[sum])
			if _, shaped, valid := ClassifyHIS(string(bad)); !shaped || valid {
				t.Errorf("%s/%s: broken checksum: shaped=%v valid=%v", k.ID, seed, shaped, valid)
			}
		}
	}
	// Shapes the formats reject.
	url := strings.Repeat("-", 44) + "AzFu" + "AAAAAA=="
	if !FunctionsKey.HasShape(url) || StorageKey.HasShape(strings.Repeat("-", 76)+"+AStAAAAAA==") {
		t.Error("URL-safe characters: accepted only in URL-safe formats")
	}
	if SearchQueryKey.HasShape(strings.Repeat("+", 42)+"AzSeAAAAAA") || !ContainerRegistryKey.HasShape(strings.Repeat("+", 42)+"+ACRAAAAAA") {
		t.Error("Search keys are alphanumeric; Container Registry keys are base64")
	}
}

// The Azure DevOps legacy PAT checksum, against tokens computed outside Go
// (Python's zlib.crc32 and base64.b32encode) from 28 zero bytes, and
// round trips through CompleteADOPAT.
func TestADOPAT(t *testing.T) {
	sparse := func(parts map[int]string) string {
		b := []byte(strings.Repeat("a", ADOPATLen))
		for at, s := range parts {
			copy(b[at:], s)
		}
		return string(b)
	}
	user := sparse(map[int]string{3: "g", 11: "mshq", 35: "mi"})
	app := sparse(map[int]string{3: "j", 11: "gtdq", 35: "mo"})
	var zero [32]byte
	if got := CompleteADOPAT(zero, ADOUserPATMagic); got != user {
		t.Errorf("user PAT of zero bytes = %s, want %s", got, user)
	}
	if got := CompleteADOPAT(zero, ADOApplicationPATMagic); got != app {
		t.Errorf("application PAT of zero bytes = %s, want %s", got, app)
	}
	for _, s := range []string{user, app} {
		if !ADOPAT(s) {
			t.Errorf("ADOPAT rejects %s", s)
		}
	}
	var b [32]byte
	for i := range b {
		b[i] = byte(i*151 + 7)
	}
	for _, magic := range []uint32{ADOUserPATMagic, ADOApplicationPATMagic} {
		pat := CompleteADOPAT(b, magic)
		if len(pat) != ADOPATLen || !ADOPAT(pat) {
			t.Fatalf("round trip failed for magic %#x", magic)
		}
		// The 52nd character carries one bit of the token and four unused.
		for i := 0; i < ADOPATLen-1; i++ {
			bad := []byte(pat)
			bad[i] = other(bad[i])
			if ADOPAT(string(bad)) {
				t.Errorf("magic %#x: char %d changed, still valid", magic, i)
			}
		}
	}
	for _, s := range []string{strings.ToUpper(user), user[:51], user + "a", strings.Replace(user, "g", "1", 1)} {
		if ADOPAT(s) {
			t.Errorf("ADOPAT accepts %q", s)
		}
	}
}

func TestEntra(t *testing.T) {
	body := "abc8Q~" + strings.Repeat("Xy0.", 7) + "z_-"
	if len(body) != 37 {
		t.Fatalf("body len %d", len(body))
	}
	sum := EntraChecksum(body)
	if len(sum) != 3 || sum[0] < 'a' || sum[0] > 'd' {
		t.Fatalf("checksum %q: first char must be a-d", sum)
	}
	if ok, ck := EntraSecret(body + sum); !ok || !ck {
		t.Errorf("valid 8Q~ secret rejected")
	}
	wrong := "aaa"
	if sum == wrong {
		wrong = "bbb"
	}
	if ok, _ := EntraSecret(body + wrong); ok {
		t.Errorf("8Q~ secret with a bad checksum accepted")
	}
	seven := "abc7Q~" + strings.Repeat("Xy0.", 7) + "z_-"
	if ok, ck := EntraSecret(seven); !ok || ck {
		t.Errorf("7Q~ secret: ok=%v checksummed=%v", ok, ck)
	}
}
