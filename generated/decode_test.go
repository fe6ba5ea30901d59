package generated_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anigql/anigql/generated"
)

// The fixtures in testdata are shaped like the answers AniList's documentation
// records for these operations: a partial selection, nulls, and fields the
// operation asked for but the answer left out.

func TestDecodeMediaByID(t *testing.T) {
	t.Parallel()
	client, _ := serve(t, "media_by_id.json")
	resp, err := generated.MediaByID(t.Context(), client, 15125, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := resp.GetMedia()
	if m == nil {
		t.Fatal("Media is nil")
	}
	if m.Id != 15125 {
		t.Errorf("Id = %d; want 15125", m.Id)
	}
	title := m.GetTitle()
	got := []string{*title.Romaji, *title.English, *title.Native}
	if diff := cmp.Diff([]string{"Teekyuu", "Teekyuu", "てーきゅう"}, got); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	if m.Episodes != nil {
		t.Errorf("Episodes = %d; want nil for a field the answer left out", *m.Episodes)
	}
}

func TestDecodePageSearch(t *testing.T) {
	t.Parallel()
	client, _ := serve(t, "page_search.json")
	resp, err := generated.SearchMedia(t.Context(), client, ptr("Fate/Zero"), nil, ptr(1), ptr(3), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := resp.GetPage()
	if page.GetPageInfo() == nil || page.GetPageInfo().HasNextPage == nil || !*page.GetPageInfo().HasNextPage {
		t.Errorf("pageInfo.hasNextPage = %v; want true", page.GetPageInfo())
	}
	var ids []int
	for _, m := range page.GetMedia() {
		ids = append(ids, m.Id)
		if got := *m.GetTitle().Romaji; got != "Fate/Zero" {
			t.Errorf("media %d romaji = %q; want Fate/Zero", m.Id, got)
		}
	}
	if diff := cmp.Diff([]int{55191, 10087, 33649}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	second := page.GetMedia()[1]
	if second.GetTitle().English != nil {
		t.Errorf("english = %q; want nil for JSON null", *second.GetTitle().English)
	}
	if second.Format == nil || *second.Format != generated.MediaFormatTv {
		t.Errorf("format = %v; want TV", second.Format)
	}
	if d := second.StartDate; d == nil || *d.Year != 2011 || *d.Month != 10 || d.Day != nil {
		t.Errorf("startDate = %+v; want 2011-10 with no day", d)
	}
}

func TestDecodeSaveMediaListEntry(t *testing.T) {
	t.Parallel()
	client, _ := serve(t, "save_media_list_entry.json")
	status := generated.MediaListStatusCurrent
	resp, err := generated.SaveMediaListEntry(t.Context(), client, nil, ptr(1), &status, nil, nil, nil, nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := resp.GetSaveMediaListEntry()
	if e == nil || e.Id != 4 || e.Status == nil || *e.Status != generated.MediaListStatusCurrent {
		t.Errorf("SaveMediaListEntry = %+v; want id 4, status CURRENT", e)
	}
}
