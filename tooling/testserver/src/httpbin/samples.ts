/** Fixed documents httpbin serves, built once at load. */

export const SLIDESHOW = {
  slideshow: {
    author: 'Yours Truly',
    date: 'date of publication',
    slides: [
      { title: 'Wake up to WonderWidgets!', type: 'all' },
      {
        items: ['Why <em>WonderWidgets</em> are great', 'Who <em>buys</em> WonderWidgets'],
        title: 'Overview',
        type: 'all',
      },
    ],
    title: 'Sample Slide Show',
  },
}

export const HTML = `<!DOCTYPE html>
<html>
  <head>
  </head>
  <body>
      <h1>Herman Melville - Moby-Dick</h1>

      <div>
        <p>
          Availing himself of the mild, summer-cool weather that now reigned in these latitudes, and in preparation
          for the peculiarly active pursuits shortly to be anticipated, Perth, the begrimed, blistered old
          blacksmith, had not removed his portable forge to the hold again, after concluding his contributory work
          for Ahab's leg, but still retained it on deck, fast lashed to ringbolts by the foremast.
        </p>
      </div>
  </body>
</html>
`

export const XML = `<?xml version='1.0' encoding='us-ascii'?>

<!--  A SAMPLE set of slides  -->

<slideshow
    title="Sample Slide Show"
    date="Date of publication"
    author="Yours Truly"
    >

    <!-- TITLE SLIDE -->
    <slide type="all">
      <title>Wake up to WonderWidgets!</title>
    </slide>

    <!-- OVERVIEW -->
    <slide type="all">
        <title>Overview</title>
        <item>Why <em>WonderWidgets</em> are great</item>
        <item/>
        <item>Who <em>buys</em> WonderWidgets</item>
    </slide>

</slideshow>
`

export const UTF8 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>UTF-8 demo</title></head>
<body>
<h1>Unicode Demo</h1>
<pre>
Mathematics:  ∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i), ∀x∈ℝ: ⌈x⌉ = −⌊−x⌋
Greek:        Σὲ γνωρίζω ἀπὸ τὴν κόψη
Russian:      Зарегистрируйтесь сейчас на Десятую Международную Конференцию
Georgian:     გთხოვთ ახლავე გაიაროთ რეგისტრაცია
Thai:         ๏ แผ่นดินฮั่นเสื่อมโทรมแสนสังเวช
Japanese:     いろはにほへと ちりぬるを
Chinese:      我能吞下玻璃而不伤身体。
Emoji:        🚀 ✓ ☃ 🐍 👍🏽
Accents:      café naïve façade Ångström Øre Straße
</pre>
</body>
</html>
`

function json1k(): Buffer {
  const document = {
    id: 'bench-0001',
    type: 'bench.fixture',
    items: Array.from({ length: 12 }, (_, i) => ({
      index: i,
      name: `item-${i}`,
      value: i * 1.5,
      ok: i % 2 === 0,
    })),
    note: 'fixed payload served from a precomputed buffer',
    padding: '',
  }
  document.padding = '.'.repeat(Math.max(0, 1024 - Buffer.byteLength(JSON.stringify(document))))
  return Buffer.from(JSON.stringify(document))
}

/** A fixed JSON document of exactly 1024 bytes, for benchmarks. */
export const JSON_1K = json1k()
