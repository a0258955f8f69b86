use super::page_authors;

#[test]
fn author_fields_give_the_writers() {
    for (field, writers) in [
        ("By TOM KRISHER, AP Auto Writer", &["Tom Krisher"][..]),
        ("Victor Tangermann, Futurism", &["Victor Tangermann"]),
        ("Troy L. Smith, Cleveland.com", &["Troy L. Smith"]),
        (
            "Amy Kuperinsky | NJ Advance Media for NJ.com",
            &["Amy Kuperinsky"],
        ),
        (
            "Lisa Kaczke and Trevor J. Mitchell",
            &["Lisa Kaczke", "Trevor J. Mitchell"],
        ),
        (
            "LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKERAssociated Press",
            &["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"],
        ),
        ("FEDERICA LUSIARDI - 2019-04-10", &["Federica Lusiardi"]),
        ("Carrie ArnoldNovember 15, 2019", &["Carrie Arnold"]),
        ("Jeff FoustMonday, November 18, 2019", &["Jeff Foust"]),
        ("Jeff Foust — November 18, 2019", &["Jeff Foust"]),
        ("Sandee LaMotte, CNN", &["Sandee LaMotte"]),
        ("Rachael Link, MS, RD", &["Rachael Link"]),
        (
            "Analysis by Chris Cillizza, CNN Editor-at-large",
            &["Chris Cillizza"],
        ),
        (
            "Finian Cunningham. Sputnik International",
            &["Finian Cunningham"],
        ),
        (
            "By MEG KINNARD and ERRIN HAINES, Associated Press",
            &["Meg Kinnard", "Errin Haines"],
        ),
        ("Sarah E. Needleman", &["Sarah E. Needleman"]),
        ("Kevin McCoy", &["Kevin McCoy"]),
        ("PTI", &["PTI"]),
        ("Posted by Vortex", &["Vortex"]),
    ] {
        assert_eq!(page_authors(field), writers, "{field}");
    }
}

/// Author fields of the saved pages of newspaper4k's tests (AndyTheFactory/newspaper4k at
/// 79553f6, `tests/data/html`), as the pages' metadata or bylines give them.
#[test]
fn contact_details_buttons_and_times_around_the_name_are_left_out() {
    for (field, writers) in [
        ("Lucy Berry | lberry@al.com", &["Lucy Berry"][..]),
        ("12.24.14 9:00AM Nancy Mitchell", &["Nancy Mitchell"]),
        ("Mike D'Angelo,", &["Mike D'Angelo"]),
        ("Marah Eakin@marahe", &["Marah Eakin"]),
        ("CH Contributor on 04 December 2014", &["CH Contributor"]),
        ("11:57 AM 12/25/2014", &[]),
        ("Cyrus  Engineer", &["Cyrus Engineer"]),
        (
            "Sharon Grigsby Follow @SharonFGrigsby Email sgrigsby@dallasnews.com",
            &["Sharon Grigsby"],
        ),
        (
            "Letters to the Editor Email comments@dallasnews.com",
            &["Letters to the Editor"],
        ),
        ("Arnold Saba gulflive.com Follow", &["Arnold Saba"]),
        ("Pete Cashmore2010-01-01 09:32:17 UTC", &["Pete Cashmore"]),
        ("Name", &[]),
        ("Lynne Eldridge MD", &["Lynne Eldridge"]),
        ("Jane Roe PhD MPH", &["Jane Roe"]),
        ("By JACK MA", &["Jack Ma"]),
        ("Name *", &[]),
        ("BY SARAH BURGE / STAFF WRITER", &["Sarah Burge"]),
        (
            "Jens Manuel Krogstad and Jeffrey S. Passel24 comments",
            &["Jens Manuel Krogstad", "Jeffrey S. Passel"],
        ),
        ("Drew DeSilverLeave a comment", &["Drew DeSilver"]),
        (", by Daniel Gross", &["Daniel Gross"]),
        ("ByMalcolm Harris", &["Malcolm Harris"]),
        (
            "Antonio Regalado on December 4, 2014",
            &["Antonio Regalado"],
        ),
        (
            "Lena deCasparis | Contributing Writer | 5 days ago",
            &["Lena deCasparis"],
        ),
        ("Curator: Phoebe Gavin", &["Phoebe Gavin"]),
        (
            "December 17, 2014 at 08:01PM EST by Rachel Evans",
            &["Rachel Evans"],
        ),
        ("(Jonas Große Sundrup)", &["Jonas Große Sundrup"]),
        ("/ Cory Doctorow / 10:08 am Fri", &["Cory Doctorow"]),
        ("Reuters Updated: January 16, 2020", &["Reuters"]),
        ("Jane Roe Published: 3 June 2025", &["Jane Roe"]),
        ("Deutsche Welle (www.dw.com)", &[]),
    ] {
        assert_eq!(page_authors(field), writers, "{field}");
    }
}

/// Author fields of feed-rs's test feeds (feed-rs/feed-rs at b64d2aa, `fixture/`).
#[test]
fn a_feeds_author_field_is_a_list_of_people() {
    for (field, people) in [
        (
            "Scott Hanselman, Rob Caron",
            &["Scott Hanselman", "Rob Caron"][..],
        ),
        (
            "Brent Simmons and Manton Reece",
            &["Brent Simmons", "Manton Reece"],
        ),
        ("(Jonas Große Sundrup)", &["Jonas Große Sundrup"]),
        ("/u/m0ddas", &["/u/m0ddas"]),
        ("admin", &[]),
        (
            "LAPALU, N., SIMON, A., Lu, A.",
            &["LAPALU, N., SIMON, A., Lu, A."],
        ),
    ] {
        assert_eq!(super::feed_authors(field), people, "{field}");
    }
}

#[test]
fn fields_that_are_no_byline_are_kept_tidied() {
    for (field, kept) in [
        ("", &[][..]),
        ("@handle", &[]),
        ("admin", &[]),
        ("admin - 2018-09-16", &[]),
        ("staff", &["staff"]),
        (
            "the editors  of this site, 2019!",
            &["the editors of this site, 2019!"],
        ),
    ] {
        assert_eq!(page_authors(field), kept, "{field}");
    }
}
