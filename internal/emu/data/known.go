package data

// known are real, well-known titles with their real AniList ids, so that
// searches people try by hand find something familiar. Everything else in
// the dataset is generated.
var known = []mediaSpec{
	{154587, "Sousou no Frieren", "Frieren: Beyond Journey's End", "葬送のフリーレン", "ANIME", "TV", "FINISHED", "FALL", 2023, 28, 0, []string{"Adventure", "Drama", "Fantasy"}},
	{1, "Cowboy Bebop", "Cowboy Bebop", "カウボーイビバップ", "ANIME", "TV", "FINISHED", "SPRING", 1998, 26, 0, []string{"Action", "Adventure", "Drama", "Sci-Fi"}},
	{5114, "Hagane no Renkinjutsushi: FULLMETAL ALCHEMIST", "Fullmetal Alchemist: Brotherhood", "鋼の錬金術師 FULLMETAL ALCHEMIST", "ANIME", "TV", "FINISHED", "SPRING", 2009, 64, 0, []string{"Action", "Adventure", "Drama", "Fantasy"}},
	{16498, "Shingeki no Kyojin", "Attack on Titan", "進撃の巨人", "ANIME", "TV", "FINISHED", "SPRING", 2013, 25, 0, []string{"Action", "Drama", "Fantasy", "Mystery"}},
	{9253, "Steins;Gate", "Steins;Gate", "STEINS;GATE", "ANIME", "TV", "FINISHED", "SPRING", 2011, 24, 0, []string{"Drama", "Psychological", "Sci-Fi", "Thriller"}},
	{1535, "DEATH NOTE", "Death Note", "DEATH NOTE", "ANIME", "TV", "FINISHED", "FALL", 2006, 37, 0, []string{"Mystery", "Psychological", "Supernatural", "Thriller"}},
	{15125, "Teekyuu", "Teekyuu", "てーきゅう", "ANIME", "TV_SHORT", "FINISHED", "FALL", 2012, 12, 0, []string{"Comedy", "Sports"}},
	{10087, "Fate/Zero", "Fate/Zero", "フェイト/ゼロ", "ANIME", "TV", "FINISHED", "FALL", 2011, 13, 0, []string{"Action", "Fantasy", "Supernatural"}},
	{140960, "SPY×FAMILY", "SPY x FAMILY", "SPY×FAMILY", "ANIME", "TV", "FINISHED", "SPRING", 2022, 12, 0, []string{"Action", "Comedy", "Slice of Life"}},
	{21, "ONE PIECE", "ONE PIECE", "ONE PIECE", "ANIME", "TV", "RELEASING", "FALL", 1999, 0, 0, []string{"Action", "Adventure", "Comedy", "Drama", "Fantasy"}},
	{118586, "Sousou no Frieren", "Frieren: Beyond Journey's End", "葬送のフリーレン", "MANGA", "MANGA", "RELEASING", "", 2020, 0, 0, []string{"Adventure", "Drama", "Fantasy"}},
	{30002, "Berserk", "Berserk", "ベルセルク", "MANGA", "MANGA", "RELEASING", "", 1989, 0, 0, []string{"Action", "Adventure", "Drama", "Fantasy", "Horror"}},
	{30013, "ONE PIECE", "One Piece", "ONE PIECE", "MANGA", "MANGA", "RELEASING", "", 1997, 0, 0, []string{"Action", "Adventure", "Comedy", "Fantasy"}},
	{105778, "Chainsaw Man", "Chainsaw Man", "チェンソーマン", "MANGA", "MANGA", "RELEASING", "", 2018, 0, 0, []string{"Action", "Comedy", "Drama", "Horror"}},
}

// knownMal are the MyAnimeList ids of the known titles where AniList's
// differ from them (AniList's oldest anime kept MyAnimeList's ids).
var knownMal = map[int]int{
	154587: 52991, 140960: 50265, 118586: 126287, 30002: 2, 30013: 13, 105778: 116778,
}

// malID is the idMal of media id: the real one for known titles, else one
// derived from the id.
func malID(id int) int {
	if mal, ok := knownMal[id]; ok {
		return mal
	}
	return id % 60000
}

// genres is AniList's genre collection.
var genres = []string{
	"Action", "Adventure", "Comedy", "Drama", "Ecchi", "Fantasy", "Hentai", "Horror",
	"Mahou Shoujo", "Mecha", "Music", "Mystery", "Psychological", "Romance", "Sci-Fi",
	"Slice of Life", "Sports", "Supernatural", "Thriller",
}

// tags are a sample of AniList's media tags: name and category.
var tags = [][2]string{
	{"Shounen", "Demographic"}, {"Seinen", "Demographic"}, {"Shoujo", "Demographic"},
	{"Josei", "Demographic"}, {"Male Protagonist", "Cast-Main Cast"},
	{"Female Protagonist", "Cast-Main Cast"}, {"Ensemble Cast", "Cast-Main Cast"},
	{"Elf", "Cast-Traits"}, {"Magic", "Theme-Fantasy"}, {"Time Skip", "Technical"},
	{"Travel", "Setting-Scene"}, {"School", "Setting-Scene"}, {"Space", "Setting-Universe"},
	{"Post-Apocalyptic", "Setting-Universe"}, {"Time Manipulation", "Theme-Sci-Fi"},
	{"Swordplay", "Theme-Action"}, {"Iyashikei", "Theme-Slice of Life"},
	{"Coming of Age", "Theme-Drama"}, {"Tragedy", "Theme-Drama"},
	{"Primarily Adult Cast", "Cast-Main Cast"}, {"Band", "Theme-Arts-Music"},
	{"Isekai", "Theme-Fantasy"}, {"Mythology", "Theme-Fantasy"}, {"Detective", "Theme-Other"},
	{"Baseball", "Theme-Game-Sport"}, {"Robots", "Theme-Sci-Fi-Mecha"},
	{"Found Family", "Theme-Other"}, {"Revenge", "Theme-Drama"}, {"Urban", "Setting-Scene"},
	{"Historical", "Setting-Time"},
}

var (
	syllables = []string{"ka", "ki", "ku", "ko", "sa", "shi", "su", "so", "ta", "chi", "tsu", "to",
		"na", "ni", "no", "ha", "hi", "fu", "ho", "ma", "mi", "mu", "mo", "ya", "yu", "yo", "ra",
		"ri", "ru", "re", "ro", "wa", "n", "ga", "gi", "go", "za", "ji", "zu", "da", "de", "ba", "bo"}
	titleHeads = []string{"Kimi no", "Boku no", "Sora no", "Hoshi no", "Yoru no", "Umi no",
		"Mahou", "Kaze no", "Tsuki no", "Shinsekai", "Isekai", "Koukou", "Ore no", "Akai", "Shiroi"}
	titleTails = []string{"Monogatari", "Kiseki", "Tabi", "Uta", "Yakusoku", "Senki", "Densetsu",
		"Nikki", "Kioku", "Shoujo", "Kishi", "Tenshi", "Majo", "Kyoukai", "Mirai", "Hikari"}
	englishHeads = []string{"The", "A Tale of", "Beyond the", "Chronicles of the", "Song of the",
		"Return of the", "Under the", "Legend of the", "Last", "Secret"}
	englishTails = []string{"Star", "Witch", "Knight", "Sea", "Sky", "Promise", "Journey", "Garden",
		"Moon", "Frontier", "Melody", "Blade", "Library", "Station", "Dragon", "Academy"}
	firstNames = []string{"Haruto", "Yuki", "Sora", "Aoi", "Ren", "Hina", "Riku", "Mei", "Kaito",
		"Sakura", "Itsuki", "Yui", "Daiki", "Rin", "Hayato", "Akari", "Souta", "Mio", "Kenji", "Nanami"}
	lastNames = []string{"Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura",
		"Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura", "Hayashi"}
	studioNames = []string{"Madhouse", "Bones", "MAPPA", "Kyoto Animation", "Sunrise", "Production I.G",
		"WIT STUDIO", "ufotable", "CloverWorks", "A-1 Pictures", "Shaft", "TRIGGER", "David Production",
		"P.A. Works", "Studio Ghibli", "Toei Animation", "J.C.Staff", "Silver Link", "Lerche",
		"Doga Kobo", "Science SARU", "OLM", "White Fox", "Studio Deen", "Brain's Base",
		"Aniplex", "Kadokawa", "Shueisha", "Kodansha", "Shogakukan"}
)
