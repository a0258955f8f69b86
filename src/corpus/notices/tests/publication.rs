//! Notes on a text's own publication, calls to follow a channel, and the news sentences that
//! look like them.

use super::*;

#[test]
fn notes_on_the_texts_publication_and_calls_to_follow_a_channel_are_furniture() {
    for (sentence, reason) in [
        // Notes on the text's own publication, both languages.
        (
            "This article was originally published on The Conversation.",
            Reason::Notice,
        ),
        (
            "This blog post has been updated on July 17, 2020 with the latest benchmark results.",
            Reason::Notice,
        ),
        (
            "This interview has been edited for length and clarity.",
            Reason::Notice,
        ),
        (
            "An earlier version of this story misstated the name of the mayor.",
            Reason::Notice,
        ),
        (
            "A version of this story appeared in the May 2 print edition.",
            Reason::Notice,
        ),
        (
            "Artikel ini telah tayang di Kompas.com dengan judul \"Harga Beras Naik\", klik untuk baca: https://money.kompas.com/read/2024/03/04/harga.",
            Reason::Notice,
        ),
        (
            "Artikel ini sudah tayang di Tribunnews.com dengan judul Banjir Rendam Ratusan Rumah.",
            Reason::Notice,
        ),
        (
            "Berita ini telah diperbarui pada Selasa (5/3/2024) dengan tanggapan pemerintah.",
            Reason::Notice,
        ),
        (
            "Baca artikel detiknews, \"Banjir Rendam 300 Rumah di Bekasi\" selengkapnya https://news.detik.com/berita/d-7234567/banjir.",
            Reason::Notice,
        ),
        // Calls to follow the outlet on a channel.
        (
            "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
            Reason::Interface,
        ),
        (
            "Mari bergabung di Grup Telegram \"Kompas.com News Update\", caranya klik link, kemudian join.",
            Reason::Interface,
        ),
        (
            "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
            Reason::Interface,
        ),
        (
            "Follow us on Google News for the latest updates.",
            Reason::Interface,
        ),
        (
            "Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/0029Va.",
            Reason::Interface,
        ),
        (
            "Pastikan kamu sudah install aplikasi WhatsApp ya.",
            Reason::Interface,
        ),
        ("Download our app for the latest news.", Reason::Interface),
    ] {
        assert_eq!(furniture(sentence), Some(reason), "{sentence}");
        assert_eq!(furniture_unclued(sentence), Some(reason), "{sentence}");
    }
}

#[test]
fn news_about_publications_and_calls_inside_words_stay() {
    for sentence in [
        // News about publications, and sentences that open like a publication note.
        "The report was published on Tuesday by the United Nations.",
        "This story is about a farmer who lost half his herd.",
        "This article of the constitution gives the president the power to veto.",
        "This interview with the minister took place in Jakarta.",
        "The article was originally published in the journal Nature.",
        "Berita ini membuat warga resah.",
        "Artikel ini akan membahas dampak kemarau bagi petani.",
        "Artikel tersebut dimuat di jurnal Nature pada Senin.",
        "Baca pernyataan lengkap menteri di situs kementerian.",
        "Simak penjelasan menteri soal harga beras di bawah ini.",
        "Pemerintah mengajak warga bergabung dalam program vaksinasi.",
        "Dapatkan bantuan sosial di kantor kelurahan, kata camat.",
        // A call's words inside longer words: "apple", "approach", "heresy".
        "Like many apple growers in the valley, Warnock lost half his crop to the cold.",
        "Join the approach road at the bridge, the sign says.",
        "Follow the debate on heresy that split the church.",
        "Pastikan warga mendapat bantuan, kata menteri.",
    ] {
        assert_eq!(furniture(sentence), None, "{sentence}");
    }
}
