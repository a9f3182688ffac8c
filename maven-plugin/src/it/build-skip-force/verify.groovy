import dev.imagespec.maven.it.ItSupport

def env = new File(itEnv)
def first = ItSupport.results(new File(basedir, 'target/imagespec/images.json'))
assert first.size() == 1
def row = first[0]
assert row['class'] == 'dev.it.app.App'
assert row.image.startsWith(ItSupport.registry(env) + '/it-app:')
assert row.outcome == 'built' && row.pushed == true && row.builder == 'default'
assert row.seconds instanceof Number
assert row.digest ==~ /sha256:[0-9a-f]{64}/
// the base it was built from, and that base's digest in the registry when it was built
def props = new Properties()
new File(env, 'env.properties').withInputStream { props.load(it) }
assert row.base_image == props.getProperty('baseImage')
assert row.base_digest == ItSupport.digest(env, row.base_image)
def log = ItSupport.log(basedir)

// (b) the second run: present, skipped, nothing pushed, and still the registry's digest
def second = ItSupport.results(new File(basedir, 'target/imagespec/second.json'))[0]
assert second.image == row.image
assert second.outcome == 'skipped' && second.pushed == false
assert second.digest == row.digest

// (c) the forced run built and pushed again; the registry holds what it pushed
def forced = ItSupport.results(new File(basedir, 'target/imagespec/forced.json'))[0]
assert forced.image == row.image
assert forced.outcome == 'built' && forced.pushed == true
assert forced.digest ==~ /sha256:[0-9a-f]{64}/
assert ItSupport.digest(env, row.image) == forced.digest
assert log.contains('found. Skip building.')
return true
