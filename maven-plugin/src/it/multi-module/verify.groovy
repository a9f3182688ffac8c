import dev.imagespec.maven.it.ItSupport

def env = new File(itEnv)
def log = ItSupport.log(basedir)
assert log.contains('imagespec: skipped for pom packaging')
assert !new File(basedir, 'base/target/imagespec').exists() : 'the plugin does not run in module base'
def rows = ItSupport.results(new File(basedir, 'app/target/imagespec/images.json'))
assert rows.size() == 2
// the base spec from the other module first, found by its descriptor in base's jar, then the app
assert rows[0]['class'] == 'dev.it.base.Base' && rows[0].image.startsWith(ItSupport.registry(env) + '/it-mm-base:')
assert rows[1]['class'] == 'dev.it.app.App' && rows[1].image.startsWith(ItSupport.registry(env) + '/it-mm-app:')
rows.each { r ->
    assert r.outcome == 'built' && r.pushed == true
    assert r.digest == ItSupport.digest(env, r.image)
}
assert log.indexOf('Built ' + rows[0].image) < log.indexOf('Built ' + rows[1].image)
// the app image was built FROM the base image
assert log =~ ('FROM ' + java.util.regex.Pattern.quote(rows[0].image))
return true
