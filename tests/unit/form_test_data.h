// A small form with every field type and every kind of condition, shared by the form
// definition and submission tests. Line numbers matter: the validator tests point at them.
#pragma once

namespace lindungi::forms {

inline constexpr const char* kTestOptions = R"(warna:
  - {value: merah, label: Merah, label_en: Red}
  - {value: biru, label: Biru, label_en: Blue}
  - {value: hijau, label: Hijau, label_en: Green}
)";

inline constexpr const char* kTestForm = R"(id: uji
version: 1
title: Formulir uji
title_en: Test form
notes: A form for the tests.
sections:
  - id: utama
    title: Utama
    title_en: Main
    fields:
      - {id: nama, label: Nama, label_en: Name, type: text, max_length: 10, required: true, sensitive: true}
      - {id: cerita, label: Cerita, label_en: Story, type: long_text, sensitive: true}
      - {id: usia, label: Usia, label_en: Age, type: number, integer: true, min: 0, max: 120}
      - {id: waktu, label: Waktu, label_en: Time, type: datetime}
      - {id: tanggal, label: Tanggal, label_en: Date, type: date, past: true}
      - {id: jenis, label: Jenis, label_en: Kind, type: choice, options: [{value: a, label: A, label_en: A}, {value: b, label: B, label_en: B}]}
      - {id: bentuk, label: Bentuk, label_en: Forms, type: multi_choice, options: warna, max: 2}
      - {id: telepon, label: Telepon, label_en: Phone, type: phone, sensitive: true}
      - {id: nik, label: NIK, label_en: NIK, type: nik, sensitive: true}
      - {id: kabupaten, label: Kabupaten, label_en: Regency, type: region, level: regency}
      - {id: wilayah, label: Wilayah, label_en: Region, type: region}
      - {id: klien, label: Klien, label_en: Client, type: person}
      - {id: lampiran, label: Lampiran, label_en: Attachment, type: file}
      - {id: anak, label: Anak, label_en: Child, type: boolean, required: true}
      - {id: ttd, label: TTD, label_en: Signature, type: signature, required: true, sensitive: true}
  - id: syarat
    title: Bersyarat
    title_en: Conditional
    when: {field: anak, equals: true}
    fields:
      - {id: wali, label: Wali, label_en: Guardian, type: text, required: true, sensitive: true}
      - {id: alasan, label: Alasan, label_en: Reason, type: text, when: {field: jenis, equals: b}, required: true}
      - {id: catatan, label: Catatan, label_en: Note, type: text, required: {field: bentuk, includes: merah}}
      - {id: lain, label: Lain, label_en: Other, type: text, when: {any: [{field: usia, in: [1, 2]}, {field: telepon, present: true}]}}
)";

}  // namespace lindungi::forms
