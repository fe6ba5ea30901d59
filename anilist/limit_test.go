package anilist_test

import "github.com/anigql/anigql/anilist"

// The limit of BenchmarkDecode: plain structs shaped like the generated
// response types, fragments written out in place, with no UnmarshalJSON
// anywhere, decoded inside the same envelope anilist.Client uses.

type limitEnvelope struct {
	Data       any            `json:"data"`
	Errors     anilist.Errors `json:"errors,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

type limitSearchData struct {
	Page *struct {
		PageInfo *struct {
			HasNextPage *bool `json:"hasNextPage"`
			CurrentPage *int  `json:"currentPage"`
		} `json:"pageInfo"`
		Media []*limitMedia `json:"media"`
	} `json:"Page"`
}

type limitMedia struct {
	ID    int  `json:"id"`
	IDMal *int `json:"idMal"`
	Title *struct {
		Romaji        *string `json:"romaji"`
		English       *string `json:"english"`
		Native        *string `json:"native"`
		UserPreferred *string `json:"userPreferred"`
	} `json:"title"`
	Type         *string   `json:"type"`
	Format       *string   `json:"format"`
	Status       *string   `json:"status"`
	Episodes     *int      `json:"episodes"`
	Chapters     *int      `json:"chapters"`
	Volumes      *int      `json:"volumes"`
	Season       *string   `json:"season"`
	SeasonYear   *int      `json:"seasonYear"`
	AverageScore *int      `json:"averageScore"`
	Popularity   *int      `json:"popularity"`
	Genres       []*string `json:"genres"`
	CoverImage   *struct {
		Large  *string `json:"large"`
		Medium *string `json:"medium"`
		Color  *string `json:"color"`
	} `json:"coverImage"`
	SiteURL   *string        `json:"siteUrl"`
	IsAdult   *bool          `json:"isAdult"`
	StartDate *limitFuzzyDay `json:"startDate"`
}

type limitFuzzyDay struct {
	Year  *int `json:"year"`
	Month *int `json:"month"`
	Day   *int `json:"day"`
}

type limitListData struct {
	MediaListCollection *struct {
		HasNextChunk *bool `json:"hasNextChunk"`
		User         *struct {
			ID   int    `json:"id"`
			Name string `json:"name"`
		} `json:"user"`
		Lists []*struct {
			Name                 *string       `json:"name"`
			IsCustomList         *bool         `json:"isCustomList"`
			IsSplitCompletedList *bool         `json:"isSplitCompletedList"`
			Status               *string       `json:"status"`
			Entries              []*limitEntry `json:"entries"`
		} `json:"lists"`
	} `json:"MediaListCollection"`
}

type limitEntry struct {
	ID                    int            `json:"id"`
	MediaID               int            `json:"mediaId"`
	UserID                int            `json:"userId"`
	Status                *string        `json:"status"`
	Score                 *float64       `json:"score"`
	Progress              *int           `json:"progress"`
	ProgressVolumes       *int           `json:"progressVolumes"`
	Repeat                *int           `json:"repeat"`
	Priority              *int           `json:"priority"`
	Private               *bool          `json:"private"`
	Notes                 *string        `json:"notes"`
	HiddenFromStatusLists *bool          `json:"hiddenFromStatusLists"`
	StartedAt             *limitFuzzyDay `json:"startedAt"`
	CompletedAt           *limitFuzzyDay `json:"completedAt"`
	UpdatedAt             *int           `json:"updatedAt"`
	CreatedAt             *int           `json:"createdAt"`
	Media                 *struct {
		ID    int `json:"id"`
		Title *struct {
			UserPreferred *string `json:"userPreferred"`
		} `json:"title"`
		Episodes *int    `json:"episodes"`
		Chapters *int    `json:"chapters"`
		Format   *string `json:"format"`
	} `json:"media"`
}
