import dev.imagespec.maven.it.ItSupport

def log = ItSupport.log(basedir)
assert log.contains('imagespec: skipped (imagespec.skip)')
assert !log.contains('Run command:')
assert !new File(basedir, 'target/imagespec').exists()
assert ItSupport.tags(new File(itEnv), 'it-skipped').isEmpty()
return true
