package azkeys

import (
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

func TestSeed(t *testing.T) {
	if got := Seed("Default0"); got != 0x44656661756c7430 {
		t.Errorf("Seed(Default0) = %#x", got)
	}
	if got := Seed("ROSeed00"); got != 0x524f536565643030 {
		t.Errorf("Seed(ROSeed00) = %#x", got)
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

func TestHISVectors(t *testing.T) {
	functions := HISKind{"Azure Functions key", "AzFu", 56, 44, true, []string{"Functi00", "Master00", "System00"}}
	acr := HISKind{"Azure Container Registry key", "+ACR", 52, 42, false, []string{"ACRDflt0"}}
	for _, tc := range []struct {
		kind HISKind
		key  string
	}{
		{functions, strings.Repeat("d", 44) + "AzFu182vhA=="},
		{acr, strings.Repeat("e", 42) + "+ACRCTB7t/"},
		{ServiceBusKey, strings.Repeat("a", 33) + "+ASbHpHeAI="},
		{StorageKey, strings.Repeat("A", 76) + "+AStvmNvzw=="},
		{CosmosKey, strings.Repeat("A", 76) + "ACDb82KEzw=="},
		{ServiceBusKey, strings.Repeat("A", 33) + "+ASbIPQntU="},
	} {
		if !tc.kind.Valid(tc.key) {
			t.Errorf("%s: vector %s… rejected", tc.kind.Name, tc.key[:4])
		}
		bad := tc.key[:10] + "Z" + tc.key[11:]
		if tc.kind.Valid(bad) {
			t.Errorf("%s: corrupted vector accepted", tc.kind.Name)
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
		{ServiceBusKey, strings.Repeat("A", 33) + "+ASbAAAAAA=", "Send0000", "IPQntU="},
		{EventHubsKey, strings.Repeat("A", 33) + "+AEhAAAAAA=", "Listen00", ""},
	} {
		got, ok := tc.kind.Complete(tc.template, tc.seed)
		if !ok || !tc.kind.Valid(got) || (tc.want != "" && !strings.HasSuffix(got, tc.want)) {
			t.Errorf("%s: Complete = %s…(ok=%v), want suffix %q", tc.kind.Name, got[:min(len(got), 4)], ok, tc.want)
		}
		if k, ok := ValidHIS(got); !ok || k.Name != tc.kind.Name {
			t.Errorf("%s: ValidHIS = %q, %v", tc.kind.Name, k.Name, ok)
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
